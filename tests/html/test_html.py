"""`syria analyze --format html` rendered in headless Chromium (ctest: html_*).

    test_html.py --syria PATH [--seeds DIR] [--out DIR] [--fake-records LIB] [CASE...]

Each page is loaded through the DevTools protocol (cdp.py) and checked for
what a reader sees: right-to-left text identical to the input, entities
highlighted in their type's colour, a tooltip with the canonical name and
code on hover, the events table, no network request and no script error.
Screenshots of every page go to --out. Exits 77 (skipped) without chromium.

Cases: fake (fixed entities and events from bindings/tests/fake_records.c,
preloaded into the tool), seeds (the library's own output on ../shared/seeds:
wherever it finds entities or events, the page must show each of them),
escaping, contract (errors: one line on stderr, nothing on stdout).
"""

import argparse
import glob
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

SKIPPED = 77
RECORDS_TEXT = "وقال لافروف إن روسيا وتركيا اتفقتا أمس"
OPTS = None

# The page's own view of itself, gathered in one evaluation.
PAGE_STATE = r"""(function(){
  function box(el){var r=el.getBoundingClientRect();return {x:r.left+r.width/2,y:r.top+r.height/2,w:r.width,h:r.height};}
  var text=document.getElementById('text');
  return {
    dir: document.documentElement.getAttribute('dir'),
    textDirection: getComputedStyle(text).direction,
    text: text.textContent,
    scripts: document.scripts.length,
    externals: Array.from(document.querySelectorAll('[src],link[href]')).length,
    entities: Array.from(text.querySelectorAll('.ent')).map(function(el){
      var cs=getComputedStyle(el);
      return {id:el.id, type:el.dataset.type, text:el.textContent, canonical:el.dataset.canonical||null,
              code:el.dataset.code||null, background:cs.backgroundColor, border:cs.borderBottomColor,
              box:box(el)};}),
    triggers: Array.from(text.querySelectorAll('mark.trigger')).map(function(el){
      return {id:el.id, event:el.dataset.event, text:el.textContent, box:box(el)};}),
    rows: Array.from(document.querySelectorAll('#events tbody tr')).map(function(tr){
      return {id:tr.id, cells:Array.from(tr.cells).map(function(td){return td.textContent;}), box:box(tr)};})
  };
})()"""

TIP_STATE = r"""(function(){var t=document.getElementById('tip');
  return {hidden:t.hidden, visible:t.offsetWidth>0&&t.offsetHeight>0, text:t.innerText};})()"""


def run_syria(args, input_bytes=None, env=None):
    return subprocess.run([OPTS.syria, "analyze"] + args, input=input_bytes, capture_output=True,
                          env=env, timeout=60)


def visible_spans(spans):
    """The entities the page can show: spans that overlap one placed before
    them are dropped, as html.c does."""
    kept, at = [], -1
    for s in sorted(spans, key=lambda s: s[0]):
        if s[0] >= at:
            kept.append(s)
            at = s[1]
    return kept


def visible_triggers(events, entities):
    """The triggers the page marks: those overlapping no shown entity nor a
    trigger marked before them (every event is still in the table)."""
    kept, at = [], -1
    for v in sorted(events, key=lambda v: v["trigger"]["start"]):
        s, t = v["trigger"]["start"], v["trigger"]["end"]
        if s >= t or s < at or any(s < e_end and e_start < t for e_start, e_end, _ in entities):
            continue
        kept.append(v)
        at = t
    return kept


class PageTest(unittest.TestCase):
    browser = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="syria-html-")
        cls.browser = cdp.Browser().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.browser.__exit__(None, None, None)
        cls.tmp.cleanup()

    def render(self, html_bytes, name):
        path = pathlib.Path(self.tmp.name) / (name + ".html")
        path.write_bytes(html_bytes)
        page = self.browser.new_page(1280, 900)
        page.goto(path.as_uri())
        state = page.eval(PAGE_STATE)
        # Self-contained: the page itself is the only request, nothing failed.
        self.assertEqual(page.requests, [path.as_uri()], name)
        self.assertEqual(page.exceptions, [], name)
        self.assertEqual(state["externals"], 0, name)
        self.assertEqual(state["scripts"], 1, name)
        self.assertEqual(state["dir"], "rtl", name)
        self.assertEqual(state["textDirection"], "rtl", name)
        return page, state

    def save_screenshot(self, page, name):
        if not OPTS.out:
            return
        os.makedirs(OPTS.out, exist_ok=True)
        png = page.screenshot()
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        self.assertGreater(len(png), 5000)
        with open(os.path.join(OPTS.out, name + ".png"), "wb") as f:
            f.write(png)

    @staticmethod
    def centre(page, element_id):
        """Scrolls the element into view; its centre in viewport pixels."""
        return page.eval("(function(){var e=document.getElementById(%s);"
                         "e.scrollIntoView({block:'center',inline:'center'});"
                         "var r=e.getClientRects()[0];return [r.left+r.width/2,r.top+r.height/2];})()"
                         % json.dumps(element_id))

    def hover_shows(self, page, entity, *expected):
        x, y = self.centre(page, entity["id"])
        page.hover(x, y)
        # What is under the pointer is the entity itself (not hidden or covered).
        under = page.eval("(function(){var e=document.elementFromPoint(%f,%f);return e&&e.id;})()"
                          % (x, y))
        self.assertEqual(under, entity["id"])
        tip = page.eval(TIP_STATE)
        self.assertFalse(tip["hidden"], entity)
        self.assertTrue(tip["visible"], entity)
        for text in expected:
            self.assertIn(text, tip["text"], entity)
        page.hover(1, 1)
        self.assertTrue(page.eval(TIP_STATE)["hidden"])


class FakeRecordsTest(PageTest):
    """Known entities and events (fake_records.c): every part of the page."""

    def test_page(self):
        if not OPTS.fake_records:
            self.skipTest("no --fake-records library (sanitizer build or no bindings)")
        src = pathlib.Path(self.tmp.name) / "records.txt"
        src.write_text(RECORDS_TEXT, encoding="utf-8")
        env = dict(os.environ, SYRIA_FAKE_RECORDS="1", LD_PRELOAD=OPTS.fake_records)
        result = run_syria(["--format", "html", "--date", "2020-02-18", str(src)], env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        page, state = self.render(result.stdout, "fake_records")
        self.assertEqual(state["text"], RECORDS_TEXT)

        ents = state["entities"]
        self.assertEqual([(e["id"], e["type"], e["text"]) for e in ents],
                         [("e1", "PER", "لافروف"), ("e2", "GPE", "روسيا"), ("e3", "GPE", "تركيا"),
                          ("e4", "DATE", "أمس")])
        colour = {e["type"]: e["background"] for e in ents}
        self.assertEqual(ents[1]["background"], ents[2]["background"])  # one colour per type
        self.assertEqual(len(set(colour.values())), 3, colour)           # PER, GPE, DATE differ
        for e in ents:
            self.assertNotIn(e["background"], ("rgba(0, 0, 0, 0)", "transparent"), e)
            self.assertGreater(e["box"]["w"], 0)

        self.hover_shows(page, ents[0], "سيرغي لافروف", "RUSGOV", "PER")
        self.hover_shows(page, ents[1], "روسيا", "RUS", "GPE")
        self.hover_shows(page, ents[3], "DATE", "2020-02-17")

        # The AGREE trigger is marked; CONSULT's overlaps روسيا and is listed only.
        self.assertEqual([(t["event"], t["text"]) for t in state["triggers"]], [("v1", "اتفقتا")])
        rows = {r["id"]: r["cells"] for r in state["rows"]}
        self.assertEqual(set(rows), {"v1", "v2"})
        v1 = " | ".join(rows["v1"])
        for text in ("اتفقتا", "AGREE", "030", "verbal cooperation", "4.0", "روسيا", "RUS", "تركيا",
                     "TUR", "2020-02-17", "asserted", "لافروف"):
            self.assertIn(text, v1)
        v2 = " | ".join(rows["v2"])
        for text in ("CONSULT", "visit", "042", "SYRGOV", "RUSGOV", "negated", "1.9"):
            self.assertIn(text, v2)

        # Hovering an event's row lights up its trigger and actors in the text.
        page.hover(*self.centre(page, "v1"))
        lit = page.eval("Array.from(document.querySelectorAll('.lit')).map(function(e){return e.id;})")
        self.assertEqual(sorted(lit), ["e2", "e3", "t-v1"])
        page.hover(*self.centre(page, "e1"))
        self.save_screenshot(page, "fake_records")


class SeedTest(PageTest):
    """The library's real output for each seed article."""

    def test_seeds(self):
        seeds = sorted(glob.glob(os.path.join(OPTS.seeds or "/nonexistent", "*.txt")))
        if not seeds:
            self.skipTest("no seeds in %s" % OPTS.seeds)
        total_entities = total_events = 0
        for path in seeds:
            name = os.path.basename(path)
            with self.subTest(seed=name):
                html = run_syria(["--format", "html", path])
                self.assertEqual(html.returncode, 0, html.stderr)
                doc = json.loads(run_syria([path]).stdout)
                text = doc["text"] if "text" in doc else pathlib.Path(path).read_text(encoding="utf-8")
                page, state = self.render(html.stdout, name)
                # Every character of the article is on the page, in order.
                self.assertEqual(state["text"], text.replace("\r\n", "\n").replace("\r", "\n"))
                raw = text.encode("utf-8")
                want = visible_spans([(e["start"], e["end"], e) for e in doc["entities"]])
                got = state["entities"]
                self.assertEqual(len(got), len(want))
                for shown, (s, t, e) in zip(got, want):
                    self.assertEqual(shown["id"], e["id"])
                    self.assertEqual(shown["type"], e["type"])
                    self.assertEqual(shown["text"], raw[s:t].decode("utf-8"))
                    self.assertEqual(shown["canonical"], e.get("canonical") or None)
                    self.assertEqual(shown["code"], e.get("code") or None)
                self.assertEqual([r["id"] for r in state["rows"]], [v["id"] for v in doc["events"]])
                marked = visible_triggers(doc["events"], want)
                self.assertEqual([(t["event"], t["text"]) for t in state["triggers"]],
                                 [(v["id"], raw[v["trigger"]["start"]:v["trigger"]["end"]].decode("utf-8"))
                                  for v in marked])
                total_entities += len(got)
                total_events += len(doc["events"])
                if got:
                    # Hover the first entity with a code (else the first one).
                    target = next((e for e in got if e["code"]), got[0])
                    self.hover_shows(page, target, target["type"], target["canonical"] or target["text"],
                                     *([target["code"]] if target["code"] else []))
                    # One colour per type, on every entity.
                    by_type = {}
                    for e in got:
                        by_type.setdefault(e["type"], set()).add(e["background"])
                    for t, colours in by_type.items():
                        self.assertEqual(len(colours), 1, (t, colours))
                if marked:
                    # Hovering an event's row lights up its trigger in the text.
                    page.hover(*self.centre(page, marked[0]["id"]))
                    lit = page.eval("Array.from(document.querySelectorAll('.lit'))"
                                    ".map(function(e){return e.id;})")
                    self.assertIn("t-" + marked[0]["id"], lit)
                    page.hover(1, 1)
                self.save_screenshot(page, "seed_" + name[:-4])
        print("seeds: %d entities highlighted, %d events listed over %d pages"
              % (total_entities, total_events, len(seeds)))
        if total_events == 0:
            print("NOTE: the library found no event in any seed: the events table was not exercised here")
        if total_entities == 0:
            print("NOTE: the library found no entity in any seed: highlights were not exercised here")


class EscapingTest(PageTest):
    def test_markup_in_the_text_stays_text(self):
        text = ('قال <script>window.pwned=1</script> & "quoted" \'single\' <b>bold</b> '
                '<img src=x onerror="window.pwned=2"> &amp; روسيا\nسطر ثان')
        result = run_syria(["--format", "html", "--name", '<i>"name"</i>', "-"], text.encode())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(b"<script>window", result.stdout)
        self.assertNotIn(b"<b>bold", result.stdout)
        page, state = self.render(result.stdout, "escaping")
        self.assertEqual(state["text"], text)
        self.assertIsNone(page.eval("window.pwned"))
        self.assertEqual(page.eval("document.querySelectorAll('#text b, #text img, #text script').length"), 0)
        self.assertEqual(page.eval("document.title"), '<i>"name"</i> — libsyria')


class ContractTest(unittest.TestCase):
    def test_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.txt")
            with open(bad, "wb") as f:
                f.write(b"\xd8\xa7 \xff")
            good = os.path.join(tmp, "good.txt")
            with open(good, "w", encoding="utf-8") as f:
                f.write(RECORDS_TEXT)
            for args, status in (([bad], 1), (["--format", "xml", good], 2), ([good, good], 2),
                                 ([os.path.join(tmp, "missing")], 1), (["--format"], 2)):
                with self.subTest(args=args):
                    if args[:1] != ["--format"]:
                        args = ["--format", "html"] + args
                    result = run_syria(args)
                    self.assertEqual(result.returncode, status, result.stderr)
                    self.assertEqual(result.stdout, b"")
                    lines = result.stderr.decode().splitlines()
                    self.assertEqual(len(lines), 1, lines)
                    self.assertTrue(lines[0].startswith("syria: "), lines)
            ok = run_syria(["--format", "html", good])
            self.assertEqual(ok.returncode, 0)
            self.assertTrue(ok.stdout.startswith(b"<!DOCTYPE html>"))
            self.assertTrue(ok.stdout.rstrip().endswith(b"</html>"))
            json_default = run_syria([good])
            self.assertEqual(json_default.stdout, run_syria(["--format", "json", good]).stdout)


CASES = {"fake": FakeRecordsTest, "seeds": SeedTest, "escaping": EscapingTest, "contract": ContractTest}


def main():
    global OPTS
    parser = argparse.ArgumentParser()
    parser.add_argument("--syria", required=True)
    parser.add_argument("--seeds")
    parser.add_argument("--out")
    parser.add_argument("--fake-records", default="")
    parser.add_argument("cases", nargs="*", default=list(CASES))
    OPTS = parser.parse_args()
    needs_browser = any(c != "contract" for c in OPTS.cases)
    if needs_browser and not cdp.find_chromium():
        print("SKIP: no chromium (Debian package 'chromium', tools/install-deps.sh installs it)")
        return SKIPPED
    if OPTS.cases == ["fake"] and not OPTS.fake_records:
        print("SKIP: no fake-records library (sanitizer build, or the bindings are off)")
        return SKIPPED
    if OPTS.cases == ["seeds"] and not glob.glob(os.path.join(OPTS.seeds or "/nonexistent", "*.txt")):
        print("SKIP: no seed articles in %s (../shared absent)" % OPTS.seeds)
        return SKIPPED
    suite = unittest.TestSuite()
    for case in OPTS.cases:
        suite.addTest(unittest.defaultTestLoader.loadTestsFromTestCase(CASES[case]))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
