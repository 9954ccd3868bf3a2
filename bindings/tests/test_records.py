"""Entities and events as Python objects (ctest: python_records).

Until the tagger and the extractor exist, ctest preloads fake_records.c,
whose getters return fixed records for RECORDS_TEXT; the test exits with 77
(skipped) without it.
"""

import os
import sys
import unittest

import syria

SKIPPED = 77
RECORDS_TEXT = "وقال لافروف إن روسيا وتركيا اتفقتا أمس"


class RecordTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = syria.analyze(RECORDS_TEXT)

    def test_entities(self):
        self.assertEqual([e.id for e in self.doc.entities], ["e1", "e2", "e3", "e4"])
        for e in self.doc.entities:
            self.assertEqual(RECORDS_TEXT[e.start:e.end], e.text)
            self.assertEqual(RECORDS_TEXT.encode()[e.byte_start:e.byte_end].decode(), e.text)
            first, last = self.doc.tokens[e.tokens[0]], self.doc.tokens[e.tokens[-1]]
            self.assertTrue(first.start <= e.start and e.end <= last.end, e)
        per, russia, turkey, date = self.doc.entities
        self.assertEqual((per.start, per.end, per.text), (5, 11, "لافروف"))
        self.assertEqual((per.type, per.canonical, per.code, per.value),
                         ("PER", "سيرغي لافروف", "RUSGOV", None))
        self.assertEqual((turkey.start, turkey.end, turkey.byte_start), (22, 27, 40))
        self.assertEqual((date.type, date.value, date.canonical, date.code),
                         ("DATE", "2020-02-17", None, None))
        self.assertEqual(date.tokens, range(6, 7))
        self.assertIn("Entity(id='e1'", repr(per))

    def test_events(self):
        agree, consult = self.doc.events
        self.assertEqual((agree.id, agree.type, agree.mode, agree.cameo), ("v1", "AGREE", None, "030"))
        self.assertIsInstance(agree.quad, int)
        self.assertEqual((agree.quad, agree.goldstein), (1, 4.0))
        self.assertEqual(agree.trigger, syria.Span(28, 34, 51, 63, "اتفقتا"))
        self.assertEqual(RECORDS_TEXT[agree.trigger.start:agree.trigger.end], agree.trigger.text)
        self.assertEqual(agree.sources, [syria.Actor("e2", "RUS"), syria.Actor("e3", "TUR")])
        self.assertEqual(agree.targets, [])
        self.assertEqual((agree.location, agree.date, agree.status, agree.reported_by),
                         (None, "2020-02-17", "asserted", "e1"))
        self.assertEqual((consult.mode, consult.goldstein, consult.status), ("visit", 1.9, "negated"))
        self.assertEqual(consult.sources, [syria.Actor(None, "SYRGOV")])
        self.assertEqual(consult.targets, [syria.Actor("e2", "RUSGOV")])
        self.assertEqual((consult.location, consult.date, consult.reported_by), ("e3", None, None))
        self.assertIn("Event(id='v1'", repr(agree))
        self.assertIn("Actor(entity='e2', code='RUS')", repr(agree))


if __name__ == "__main__":
    if not os.environ.get("SYRIA_FAKE_RECORDS"):
        print("skipped: needs the fake records preloaded (SYRIA_FAKE_RECORDS)")
        sys.exit(SKIPPED)
    unittest.main()
