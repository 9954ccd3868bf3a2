"""Threads: analysis releases the GIL and gives the same results in
parallel as in series (ctest: python_threads)."""

import threading
import time
import unittest

import syria

TEXTS = [
    "وقال لافروف إن روسيا وتركيا اتفقتا على وقف إطلاق النار في إدلب.",
    "وأكد أن الهدنة ستصمد. وقالت Reuters إن 25 شخصا قتلوا في قصف على حلب أمس.",
    "وروسيا وتركيا وإيران تجتمع في أستانا، والمعارضة ترفض.",
    "a é € 😀 وروسيا",
]
THREADS = 4
ROUNDS = 25


def summary(doc):
    # Everything the binding copies out, plus the library's own export.
    return (doc.text, doc.sentences, doc.tokens, doc.entities, doc.events, doc.to_json())


class ThreadTest(unittest.TestCase):
    def test_parallel_results_equal_serial_results(self):
        # The threads start together, before anything loaded the default
        # model: they also race for its lazy loading.
        barrier = threading.Barrier(THREADS)
        results = [None] * THREADS
        errors = []

        def work(slot):
            try:
                barrier.wait()
                results[slot] = [[summary(syria.analyze(t)) for t in TEXTS] for _ in range(ROUNDS)]
            except Exception as e:  # reported below, on the main thread
                errors.append(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

        serial = [summary(syria.analyze(t)) for t in TEXTS]
        for per_thread in results:
            for per_round in per_thread:
                self.assertEqual(per_round, serial)

    def test_shared_model_and_errors_per_thread(self):
        # A failure on one thread must not leak its message or code into
        # another thread's error (the library keeps them per thread).
        model = syria.Model()
        outcomes = {}

        def fail_with(key, **kwargs):
            try:
                for _ in range(50):
                    try:
                        model.analyze(TEXTS[0], **kwargs)
                    except syria.Error as e:
                        outcomes.setdefault(key, set()).add((e.code, str(e)))
            except Exception as e:
                outcomes[key] = e

        bad_date = threading.Thread(target=fail_with, args=("date",), kwargs={"date": "2020-13-45"})
        bad_bytes = threading.Thread(target=lambda: [
            outcomes.setdefault("utf8", set()).add(self._utf8_error(model)) for _ in range(50)])
        bad_date.start()
        bad_bytes.start()
        bad_date.join()
        bad_bytes.join()
        self.assertEqual(len(outcomes["date"]), 1)
        (code, message), = outcomes["date"]
        self.assertEqual(code, syria.EDATE)
        self.assertIn("2020-13-45", message)
        self.assertEqual({code for code, _ in outcomes["utf8"]}, {syria.EUTF8})

    @staticmethod
    def _utf8_error(model):
        try:
            model.analyze(b"\xd8\xa7\xff")
        except syria.Error as e:
            return (e.code, str(e))
        return None

    def test_analysis_releases_the_gil(self):
        # While one thread is inside the C analysis, this thread must keep
        # running Python code. With the GIL held it could run at most one
        # switch interval (5 ms) of it, not most of a 100 ms+ call.
        model = syria.Model()
        text = " ".join(TEXTS) * 2000
        while True:
            start = time.perf_counter()
            syria._analyze(model._handle, text, None, None)
            if time.perf_counter() - start >= 0.1:
                break
            text *= 2
        call = {}

        def analyse():
            call["start"] = time.perf_counter()
            syria._analyze(model._handle, text, None, None)
            call["end"] = time.perf_counter()

        worker = threading.Thread(target=analyse)
        stamps = []
        worker.start()
        while worker.is_alive():
            stamps.append(time.perf_counter())
        worker.join()
        inside = [s for s in stamps if call["start"] < s < call["end"]]
        duration = call["end"] - call["start"]
        self.assertTrue(inside, "no Python ran during a %.3f s analysis" % duration)
        self.assertGreater(inside[-1] - inside[0], duration / 2,
                           "Python ran for %.3f s of a %.3f s analysis"
                           % (inside[-1] - inside[0], duration))


if __name__ == "__main__":
    unittest.main()
