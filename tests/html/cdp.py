"""A small Chrome DevTools Protocol client over --remote-debugging-pipe.

Headless Chromium reads commands on its file descriptor 3 and writes
answers and events on 4, each a JSON message ended by a NUL byte: no network
port and no websocket library are needed.

    with Browser() as browser:
        page = browser.new_page(1280, 1000)
        page.goto("file:///tmp/page.html")
        title = page.eval("document.title")
        page.hover(100, 200)
        png = page.screenshot()
"""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

# The flags of the brief: no sandbox (containers), no GPU, no background
# traffic (component updates, safe browsing, ...).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                  "--hide-scrollbars", "--mute-audio"]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CdpError(RuntimeError):
    pass


class Browser:
    def __init__(self, executable=None, timeout=30.0):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise CdpError("no chromium on PATH")
        self.timeout = timeout
        self.next_id = 0
        self.events = []
        self.buffer = b""

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="syria-chromium-")
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()

        def child_fds():
            # Through fresh descriptors: a pipe end may already be 3 or 4,
            # and dup2 onto itself would leave it close-on-exec.
            read_end, write_end = os.dup(to_r), os.dup(from_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.proc = subprocess.Popen(
            [self.executable] + CHROMIUM_FLAGS + ["--remote-debugging-pipe",
                                                  "--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=child_fds, close_fds=False)
        os.close(to_r)
        os.close(from_w)
        return self

    def __exit__(self, *exc):
        try:
            self.send("Browser.close", wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.to_w, self.from_r):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.proc.stderr:
            self.proc.stderr.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise CdpError("chromium did not answer in %.0f s" % self.timeout)
            import select
            ready, _, _ = select.select([self.from_r], [], [], 0.5)
            if not ready:
                if self.proc.poll() is not None:
                    raise CdpError("chromium exited with status %s: %s" % (
                        self.proc.returncode, self.proc.stderr.read().decode(errors="replace")[-2000:]))
                continue
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise CdpError("chromium closed the pipe")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method, params=None, session=None, wait=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_w, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CdpError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method, session=None):
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and (session is None or event.get("sessionId") == session):
                    return self.events.pop(i)
            reply = self._read_message(deadline)
            if "method" in reply:
                self.events.append(reply)

    def new_page(self, width=1280, height=1000):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session, width, height)


class Page:
    def __init__(self, browser, session, width, height):
        self.browser = browser
        self.session = session
        self.requests = []      # URLs the page asked for
        self.exceptions = []    # uncaught script errors
        for domain in ("Page", "Runtime", "Network"):
            self.send(domain + ".enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None):
        return self.browser.send(method, params, session=self.session)

    def _collect(self):
        keep = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                keep.append(event)
            elif event["method"] == "Network.requestWillBeSent":
                self.requests.append(event["params"]["request"]["url"])
            elif event["method"] == "Runtime.exceptionThrown":
                self.exceptions.append(event["params"]["exceptionDetails"])
            else:
                keep.append(event)
        self.browser.events = keep

    def goto(self, url):
        self.send("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", self.session)
        self._collect()

    def eval(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        self._collect()
        if "exceptionDetails" in result:
            raise CdpError("%s: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def hover(self, x, y):
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        self._collect()

    def screenshot(self, full_page=True):
        """A PNG of the viewport or, with full_page, of the whole page (the
        viewport is made as tall as the document for the shot)."""
        if full_page:
            width = self.eval("window.innerWidth")
            height = self.eval("Math.ceil(document.documentElement.scrollHeight)")
            self.send("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        return base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
