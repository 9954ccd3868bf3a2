"""analyze_many, lazily built records, JSON flags, the type stub and
`python3 -m syria` (ctest: python_ecosystem).

SYRIA_CLI is the syria tool, whose output `python3 -m syria` must match byte
for byte; SYRIA_SEEDS_DIR holds the seed articles (the parts that need them
skip without); SYRIA_SAMPLE is examples/sample.txt.
"""

import ast
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import unittest

import syria

CLI = os.environ.get("SYRIA_CLI")
SAMPLE = os.environ.get("SYRIA_SAMPLE",
                        os.path.join(os.path.dirname(__file__), "..", "..", "examples", "sample.txt"))
SEEDS = sorted(glob.glob(os.path.join(os.environ.get("SYRIA_SEEDS_DIR", "/nonexistent"), "*.txt")))

TEXTS = [
    "وقال لافروف إن روسيا وتركيا اتفقتا على وقف إطلاق النار في إدلب.",
    "وأكد أن الهدنة ستصمد. وقالت Reuters إن 25 شخصا قتلوا في قصف على حلب أمس.",
    "a é € 😀 وروسيا",
]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def everything(doc):
    return (doc.text, doc.name, doc.date, doc.sentences, doc.tokens, doc.entities, doc.events,
            doc.to_json())


class AnalyzeManyTest(unittest.TestCase):
    def texts(self):
        texts = TEXTS * 20
        if os.path.exists(SAMPLE):
            texts.append(read(SAMPLE))
        texts.extend(read(p) for p in SEEDS)
        return texts

    def test_same_documents_as_one_at_a_time(self):
        texts = self.texts()
        names = ["t%d" % i for i in range(len(texts))]
        model = syria.Model()
        serial = [everything(model.analyze(t, date="2020-02-18", name=n))
                  for t, n in zip(texts, names)]
        for threads in (1, 2, 3, None):
            with self.subTest(threads=threads):
                docs = model.analyze_many(texts, threads=threads, date="2020-02-18", names=names)
                self.assertEqual([everything(d) for d in docs], serial)
        # The module-level shortcut uses the default model.
        self.assertEqual([d.to_json() for d in syria.analyze_many(TEXTS, threads=2)],
                         [syria.analyze(t).to_json() for t in TEXTS])

    def test_runs_on_several_threads(self):
        seen = set()
        lock = threading.Lock()
        original = syria.Document.__init__

        def spy(self, *args):
            with lock:
                seen.add(threading.get_ident())
            original(self, *args)

        syria.Document.__init__ = spy
        try:
            syria.analyze_many(self.texts() * 4, threads=2)
        finally:
            syria.Document.__init__ = original
        self.assertEqual(len(seen), 2)

    def test_edge_cases(self):
        self.assertEqual(syria.analyze_many([], threads=4), [])
        self.assertEqual(len(syria.analyze_many(iter(TEXTS), threads=8)), len(TEXTS))
        with self.assertRaises(ValueError):
            syria.analyze_many(TEXTS, names=["one"])

    def test_first_failure_is_raised(self):
        texts = TEXTS * 10 + [b"\xff\xfe bad"] + TEXTS * 10 + ["nul\0"]
        for threads in (1, 2):
            with self.subTest(threads=threads):
                with self.assertRaises(syria.Error) as cm:
                    syria.analyze_many(texts, threads=threads)
                self.assertEqual(cm.exception.code, syria.EUTF8)
                self.assertIn("UTF-8", str(cm.exception))


class LazyRecordsTest(unittest.TestCase):
    def test_lists_are_built_once_and_outlive_the_document(self):
        doc = syria.analyze(TEXTS[1])
        tokens = doc.tokens
        self.assertIs(doc.tokens, tokens)
        self.assertEqual(len(doc.sentences), 2)
        del doc
        self.assertEqual(tokens[0].text, "وأكد")
        self.assertIn("Token(start=0, end=4", repr(tokens[0]))

    def test_repr_builds_no_records(self):
        doc = syria.analyze(TEXTS[1], name="n")
        self.assertEqual(repr(doc), "Document(name='n', date=None, sentences=2, tokens=%d, "
                         "entities=%d, events=%d)" % (len(syria.analyze(TEXTS[1]).tokens),
                                                      len(doc.entities), len(doc.events)))
        self.assertIsNone(doc._tokens)

    def test_record_classes(self):
        doc = syria.analyze(TEXTS[0])
        self.assertIs(type(doc.tokens[0]), syria.Token)
        self.assertIs(type(doc.sentences[0]), syria.Sentence)
        self.assertEqual(doc.tokens[0], syria.Token(*[getattr(doc.tokens[0], f)
                                                      for f in syria.Token.__slots__]))


class JsonTest(unittest.TestCase):
    def test_flags(self):
        doc = syria.analyze(TEXTS[0], name="n")
        full = doc.to_dict()
        slim = doc.to_dict(tokens=False)
        self.assertIn("tokens", full)
        self.assertNotIn("tokens", slim)
        self.assertNotIn("sentences", slim)
        self.assertEqual(json.loads(doc.to_json(tokens=False)), slim)
        pretty = doc.to_json(pretty=True)
        self.assertIn("\n", pretty)
        self.assertEqual(json.loads(pretty), full)
        self.assertNotIn("\n", doc.to_json())


class StubTest(unittest.TestCase):
    def test_stub_names_the_public_api(self):
        stub_path = os.path.join(os.path.dirname(syria.__file__), "syria.pyi")
        self.assertTrue(os.path.exists(stub_path), "syria.pyi is not beside syria.py")
        with open(stub_path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        stubbed = set()
        classes = {}
        for node in tree.body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                stubbed.add(node.name)
                if isinstance(node, ast.ClassDef):
                    classes[node.name] = {
                        getattr(n, "name", None) or getattr(getattr(n, "target", None), "id", None)
                        for n in node.body}
            elif isinstance(node, ast.AnnAssign):
                stubbed.add(node.target.id)
        public = {n for n in dir(syria) if not n.startswith("_")}
        public.add("__version__")
        stubbed.discard("Text")
        stubbed.discard("DateLike")
        self.assertEqual(public - stubbed - {"Text", "DateLike"}, set(), "missing in the stub")
        self.assertEqual(stubbed - public - {"__version__"}, set(), "in the stub, not in the module")
        for name in ("Sentence", "Token", "Entity", "Span", "Actor", "Event"):
            self.assertEqual(set(getattr(syria, name).__slots__), classes[name] - {"__init__"}, name)
        for name in ("Document", "Model"):
            methods = {m for m in dir(getattr(syria, name)) if not m.startswith("_")}
            self.assertEqual(methods - classes[name], set(), name)

    def test_docstrings(self):
        for name in syria.__all__:
            obj = getattr(syria, name)
            if callable(obj):
                self.assertTrue(obj.__doc__, name)
        for name in ("analyze", "analyze_many", "to_json", "to_dict"):
            for cls in (syria.Model, syria.Document):
                if hasattr(cls, name):
                    self.assertTrue(getattr(cls, name).__doc__, (cls, name))


@unittest.skipUnless(CLI and os.path.exists(CLI), "needs SYRIA_CLI, the syria tool")
class MainTest(unittest.TestCase):
    def run_both(self, args, stdin=None):
        python = subprocess.run([sys.executable, "-m", "syria"] + args, input=stdin,
                                capture_output=True)
        tool = subprocess.run([CLI, "analyze"] + args, input=stdin, capture_output=True)
        return python, tool

    def assert_same(self, args, stdin=None):
        python, tool = self.run_both(args, stdin)
        self.assertEqual(python.stdout, tool.stdout, args)
        self.assertEqual(python.returncode, tool.returncode, (args, python.stderr, tool.stderr))
        # The same messages, but for the name of the help command.
        self.assertEqual(python.stderr.decode().replace("python3 -m syria --help", "syria --help")
                         .splitlines(), tool.stderr.decode().splitlines(), args)
        return python

    def test_files_like_syria_analyze(self):
        files = [SAMPLE] + SEEDS
        self.assertGreater(len(self.assert_same(files).stdout.splitlines()), 0)
        self.assert_same(["--date", "2020-02-18", "--pretty", SAMPLE])
        self.assert_same(["--name", "x", "-"], stdin=TEXTS[0].encode())
        self.assert_same([], stdin=TEXTS[1].encode())

    def test_errors_like_syria_analyze(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.txt")
            with open(bad, "wb") as f:
                f.write(b"abc \xff def")
            empty = os.path.join(tmp, "empty.txt")
            open(empty, "wb").close()
            missing = os.path.join(tmp, "missing.txt")
            for args in ([bad], [SAMPLE, bad, SAMPLE], [empty], [missing], [tmp],
                         ["--date", "2020-02-30", SAMPLE], ["--bogus", SAMPLE],
                         ["--name", "a", SAMPLE, SAMPLE], ["--date"]):
                with self.subTest(args=args):
                    result = self.assert_same(args)
                    self.assertNotEqual(result.returncode, 0)
                    for line in result.stderr.decode().splitlines():
                        self.assertTrue(line.startswith("syria: "), line)

    def test_analyze_word_is_optional(self):
        python = subprocess.run([sys.executable, "-m", "syria", "analyze", SAMPLE],
                                capture_output=True)
        tool = subprocess.run([CLI, "analyze", SAMPLE], capture_output=True)
        self.assertEqual(python.stdout, tool.stdout)


if __name__ == "__main__":
    unittest.main()
