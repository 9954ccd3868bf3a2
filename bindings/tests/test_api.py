"""The Python binding against the library's real output (ctest: python_api)."""

import datetime
import gc
import json
import os
import pickle
import tempfile
import unittest

import syria

SENTENCE = "وقال لافروف إن روسيا وتركيا اتفقتا على وقف إطلاق النار في إدلب."
SECOND_SENTENCE = "وأكد أن الهدنة ستصمد."
TWO_SENTENCES = SENTENCE + " " + SECOND_SENTENCE


class ModuleTest(unittest.TestCase):
    def test_module_is_the_one_under_test(self):
        # ctest points PYTHONPATH at the build tree: a stale installed copy
        # must not be what these tests exercise.
        expected = os.environ.get("PYTHONPATH", "").split(os.pathsep)[0]
        if expected:
            self.assertEqual(os.path.dirname(os.path.abspath(syria.__file__)),
                             os.path.abspath(expected))

    def test_version(self):
        self.assertRegex(syria.version(), r"^\d+\.\d+\.\d+$")
        self.assertEqual(syria.__version__, syria.version())
        self.assertEqual(syria.version(), "%d.%d.%d" % (
            syria.VERSION_MAJOR, syria.VERSION_MINOR, syria.VERSION_PATCH))

    def test_raw_c_api_is_hidden(self):
        for name in ("syria_analyze", "syria_doc_token", "syria_doc_free", "syria_model_load_file"):
            self.assertFalse(hasattr(syria, name), name)

    def test_record_classes_are_documented(self):
        for cls in (syria.Model, syria.Document, syria.Sentence, syria.Token, syria.Entity,
                    syria.Event, syria.Span, syria.Actor, syria.Error):
            self.assertTrue(cls.__doc__, cls.__name__)
        self.assertTrue(syria.analyze.__doc__)


class TokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = syria.analyze(SENTENCE)

    def token(self, surface):
        for t in self.doc.tokens:
            if t.text == surface:
                return t
        self.fail("no token %r in %r" % (surface, [t.text for t in self.doc.tokens]))

    def test_surfaces(self):
        self.assertEqual([t.text for t in self.doc.tokens],
                         ["وقال", "لافروف", "إن", "روسيا", "وتركيا", "اتفقتا", "على", "وقف",
                          "إطلاق", "النار", "في", "إدلب", "."])

    def test_codepoint_offsets_slice_the_surface(self):
        self.assertEqual(self.doc.text, SENTENCE)
        for t in self.doc.tokens:
            self.assertEqual(SENTENCE[t.start:t.end], t.text)
            self.assertLess(t.start, t.end)

    def test_byte_offsets_agree_with_utf8(self):
        encoded = SENTENCE.encode("utf-8")
        for t in self.doc.tokens:
            self.assertEqual(encoded[t.byte_start:t.byte_end].decode("utf-8"), t.text)
            self.assertEqual(t.byte_start, len(SENTENCE[:t.start].encode("utf-8")))
            self.assertEqual(t.byte_end, len(SENTENCE[:t.end].encode("utf-8")))

    def test_offsets_after_non_arabic_characters(self):
        # 1-, 2-, 3- and 4-byte characters before the token.
        text = "a é € 😀 وروسيا"
        doc = syria.analyze(text)
        last = doc.tokens[-1]
        self.assertEqual((last.start, last.end), (len(text) - 6, len(text)))
        self.assertEqual(last.byte_start, len(text.encode("utf-8")) - len("وروسيا".encode("utf-8")))
        for t in doc.tokens:
            self.assertEqual(text[t.start:t.end], t.text)

    def test_clitic_split(self):
        t = self.token("وتركيا")
        self.assertEqual((t.prefix, t.stem, t.suffix), ("و", "تركيا", ""))
        t = syria.analyze("وروسيا").tokens[0]
        self.assertEqual((t.text, t.prefix, t.stem, t.suffix), ("وروسيا", "و", "روسيا", ""))

    def test_norm(self):
        # The default folds map أ إ آ to ا.
        self.assertEqual(self.token("إدلب").norm, "ادلب")
        self.assertEqual(self.token("إطلاق").norm, "اطلاق")

    def test_kinds(self):
        self.assertEqual(self.token("لافروف").kind, "word")
        self.assertEqual(self.token(".").kind, "punct")
        doc = syria.analyze("قالت Reuters إن 25 شخصا قتلوا")
        kinds = {t.text: t.kind for t in doc.tokens}
        self.assertEqual(kinds["Reuters"], "latin")
        self.assertEqual(kinds["25"], "number")
        self.assertEqual(kinds["شخصا"], "word")

    def test_sentence_index(self):
        self.assertTrue(all(t.sentence == 0 for t in self.doc.tokens))

    def test_records_are_plain_python_objects(self):
        token = syria.analyze(SENTENCE).tokens[4]
        gc.collect()  # the document is gone; the copy must not care
        self.assertEqual(token.text, "وتركيا")
        self.assertEqual(type(token).__module__, "syria")
        self.assertIsInstance(token.start, int)
        self.assertIsInstance(token.norm, str)
        self.assertEqual(token, self.token("وتركيا"))
        self.assertIn("Token(", repr(token))
        self.assertIn("'وتركيا'", repr(token))


class SentenceTest(unittest.TestCase):
    def test_two_sentences(self):
        doc = syria.analyze(TWO_SENTENCES)
        self.assertEqual(len(doc.sentences), 2)
        first, second = doc.sentences
        self.assertEqual(first.text, SENTENCE)
        self.assertEqual(second.text, SECOND_SENTENCE)
        for s in doc.sentences:
            self.assertEqual(TWO_SENTENCES[s.start:s.end], s.text)
            self.assertEqual(TWO_SENTENCES.encode()[s.byte_start:s.byte_end].decode(), s.text)
        # The token ranges partition the tokens, and each token knows its sentence.
        self.assertEqual(list(first.tokens) + list(second.tokens), list(range(len(doc.tokens))))
        for index, s in enumerate(doc.sentences):
            for i in s.tokens:
                self.assertEqual(doc.tokens[i].sentence, index)
        self.assertEqual(doc.tokens[second.tokens[0]].text, "وأكد")
        self.assertIn("Sentence(", repr(first))


class DocumentTest(unittest.TestCase):
    def test_name_and_date_round_trip(self):
        doc = syria.analyze(SENTENCE, date="2020-02-18", name="002_a28b00397c7848ac.txt")
        self.assertEqual(doc.date, "2020-02-18")
        self.assertEqual(doc.name, "002_a28b00397c7848ac.txt")
        data = doc.to_dict()
        self.assertEqual(data["doc_date"], "2020-02-18")
        self.assertEqual(data["doc"], "002_a28b00397c7848ac.txt")
        self.assertIn("002_a28b00397c7848ac.txt", repr(doc))

    def test_absent_name_and_date_are_none(self):
        doc = syria.analyze(SENTENCE)
        self.assertIsNone(doc.name)
        self.assertIsNone(doc.date)

    def test_date_object(self):
        self.assertEqual(syria.analyze(SENTENCE, date=datetime.date(2020, 2, 18)).date, "2020-02-18")

    def test_entities_and_events_are_lists(self):
        # The tagger and the extractor come later: only the shape is fixed.
        doc = syria.analyze(SENTENCE)
        self.assertIsInstance(doc.entities, list)
        self.assertIsInstance(doc.events, list)
        for e in doc.entities:
            self.assertIsInstance(e, syria.Entity)
            self.assertEqual(SENTENCE[e.start:e.end], e.text)
        for v in doc.events:
            self.assertIsInstance(v, syria.Event)
            self.assertEqual(SENTENCE[v.trigger.start:v.trigger.end], v.trigger.text)

    def test_to_json(self):
        doc = syria.analyze(TWO_SENTENCES, date="2020-02-18", name="n")
        text = doc.to_json()
        self.assertNotIn("\n", text)  # compact, JSON Lines ready
        data = json.loads(text)
        self.assertEqual(data["schema"], "libsyria/1")
        self.assertEqual(data, doc.to_dict())
        self.assertEqual(json.loads(doc.to_json(indent=2)), data)
        self.assertIn("\n  ", doc.to_json(indent=2))
        # The export and the objects describe the same tokens.
        self.assertEqual([(t["start"], t["end"]) for t in data["tokens"]],
                         [(t.byte_start, t.byte_end) for t in doc.tokens])
        self.assertEqual([t["clitics"]["stem"] for t in data["tokens"]],
                         [t.stem for t in doc.tokens])
        self.assertEqual(len(data["sentences"]), 2)
        self.assertIsInstance(data["entities"], list)
        self.assertIsInstance(data["events"], list)

    def test_bytes_input(self):
        from_bytes = syria.analyze(SENTENCE.encode("utf-8"))
        from_str = syria.analyze(SENTENCE)
        self.assertEqual(from_bytes.text, SENTENCE)
        self.assertEqual(from_bytes.tokens, from_str.tokens)

    def test_explicit_default_model(self):
        model = syria.Model()
        self.assertTrue(model.description)
        self.assertIn("syria.Model", repr(model))
        self.assertEqual(model.analyze(SENTENCE).tokens, syria.analyze(SENTENCE).tokens)

    def test_document_keeps_working_without_its_model(self):
        doc = syria.Model().analyze(SENTENCE)
        gc.collect()
        self.assertEqual(doc.to_dict()["schema"], "libsyria/1")

    def test_normalize(self):
        self.assertEqual(syria.normalize("إدلب"), "ادلب")
        self.assertEqual(syria.normalize("إدلب", 0), "إدلب")
        self.assertEqual(syria.normalize("مدرسة", syria.NORM_DEFAULT | syria.NORM_TA_MARBUTA), "مدرسه")


class ErrorTest(unittest.TestCase):
    def test_invalid_date(self):
        with self.assertRaises(syria.Error) as caught:
            syria.analyze(SENTENCE, date="2020-13-45")
        self.assertIn("2020-13-45", str(caught.exception))
        self.assertEqual(caught.exception.code, syria.EDATE)
        self.assertIsInstance(caught.exception, Exception)

    def test_invalid_utf8(self):
        with self.assertRaises(syria.Error) as caught:
            syria.analyze(b"\xd8\xa7\xff\xfe")
        self.assertEqual(caught.exception.code, syria.EUTF8)
        self.assertIn("UTF-8", str(caught.exception))

    def test_nul_character(self):
        with self.assertRaises(syria.Error) as caught:
            syria.analyze("روسيا\0تركيا")
        self.assertEqual(caught.exception.code, syria.ENUL)

    def test_missing_model_file(self):
        path = os.path.join(tempfile.gettempdir(), "no-such-dir-for-syria", "missing.smdl")
        with self.assertRaises(syria.Error) as caught:
            syria.Model(path)
        self.assertEqual(caught.exception.code, syria.EIO)
        self.assertIn(path, str(caught.exception))

    def test_corrupt_model_file(self):
        with tempfile.NamedTemporaryFile(suffix=".smdl") as f:
            f.write(b"not a model at all" * 10)
            f.flush()
            with self.assertRaises(syria.Error) as caught:
                syria.Model(f.name)
        self.assertEqual(caught.exception.code, syria.EMODEL)

    def test_error_pickles_with_its_code(self):
        with self.assertRaises(syria.Error) as caught:
            syria.analyze(b"\xff")
        copy = pickle.loads(pickle.dumps(caught.exception))
        self.assertEqual((str(copy), copy.code), (str(caught.exception), syria.EUTF8))

    def test_analysis_works_after_an_error(self):
        with self.assertRaises(syria.Error):
            syria.analyze(b"\xff")
        self.assertEqual(len(syria.analyze(SENTENCE).tokens), 13)

    def test_wrong_text_type(self):
        with self.assertRaises(TypeError):
            syria.analyze(42)


if __name__ == "__main__":
    unittest.main()
