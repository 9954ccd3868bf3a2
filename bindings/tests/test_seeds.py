"""The seed articles analyse with every surface in place (ctest: python_seeds).

SYRIA_SEEDS_DIR (set by ctest to ../shared/seeds) holds the articles; the
test exits with 77, reported by ctest as skipped, when there are none.
"""

import glob
import json
import os
import sys
import unittest

import syria

SKIPPED = 77
SEEDS_DIR = os.environ.get("SYRIA_SEEDS_DIR",
                           os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "seeds"))
SEEDS = sorted(glob.glob(os.path.join(SEEDS_DIR, "*.txt")))


class SeedTest(unittest.TestCase):
    def test_every_seed(self):
        for path in SEEDS:
            with self.subTest(seed=os.path.basename(path)):
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                doc = syria.analyze(text, name=os.path.basename(path))
                encoded = text.encode("utf-8")
                self.assertGreater(len(doc.tokens), 100)
                self.assertGreater(len(doc.sentences), 1)
                for t in doc.tokens:
                    self.assertEqual(text[t.start:t.end], t.text)
                    self.assertEqual(encoded[t.byte_start:t.byte_end].decode("utf-8"), t.text)
                    self.assertTrue(t.stem, t)
                    self.assertIn(t.sentence, range(len(doc.sentences)))
                for index, s in enumerate(doc.sentences):
                    self.assertEqual(text[s.start:s.end], s.text)
                    for i in s.tokens:
                        self.assertEqual(doc.tokens[i].sentence, index)
                for e in doc.entities:
                    self.assertEqual(text[e.start:e.end], e.text)
                data = json.loads(doc.to_json())
                self.assertEqual(data["doc"], os.path.basename(path))
                self.assertEqual(len(data["tokens"]), len(doc.tokens))


if __name__ == "__main__":
    if not SEEDS:
        print("skipped: no seed articles in %s" % os.path.abspath(SEEDS_DIR))
        sys.exit(SKIPPED)
    unittest.main()
