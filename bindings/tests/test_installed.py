"""The installed Python module works on its own (ctest: python_installed).

ctest installs the project into SYRIA_TEST_PREFIX, points PYTHONPATH at the
installed module and empties LD_LIBRARY_PATH: the module must find the
installed libsyria.so.1 through its RPATH, not the build tree's.
"""

import os
import unittest

import syria

PREFIX = os.path.realpath(os.environ["SYRIA_TEST_PREFIX"])


def loaded_libsyria():
    with open("/proc/self/maps") as maps:
        return {line.split()[-1] for line in maps if "libsyria.so" in line}


class InstalledTest(unittest.TestCase):
    def test_module_comes_from_the_prefix(self):
        self.assertTrue(os.path.realpath(syria.__file__).startswith(PREFIX + os.sep), syria.__file__)

    @unittest.skipUnless(os.path.exists("/proc/self/maps"), "needs /proc/self/maps")
    def test_library_comes_from_the_prefix(self):
        libraries = loaded_libsyria()
        self.assertTrue(libraries)
        for path in libraries:
            self.assertTrue(os.path.realpath(path).startswith(PREFIX + os.sep), path)

    def test_stub_beside_the_module(self):
        self.assertTrue(os.path.exists(os.path.join(os.path.dirname(syria.__file__), "syria.pyi")))

    def test_analysis(self):
        token = syria.analyze("وروسيا").tokens[0]
        self.assertEqual((token.prefix, token.stem), ("و", "روسيا"))


if __name__ == "__main__":
    unittest.main()
