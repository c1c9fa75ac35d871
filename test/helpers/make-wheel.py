"""Writes a minimal pure-Python wheel (fixture-pkg 1.0) into the folder given, for venv tests that must install offline."""
import sys, zipfile, os
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
files = {
    "fixture_pkg/__init__.py": "VALUE = 'installed'\n",
    "fixture_pkg-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: fixture-pkg\nVersion: 1.0\n",
    "fixture_pkg-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: mcp-doctor-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
}
files["fixture_pkg-1.0.dist-info/RECORD"] = "".join(f"{n},,\n" for n in files) + "fixture_pkg-1.0.dist-info/RECORD,,\n"
with zipfile.ZipFile(os.path.join(out, "fixture_pkg-1.0-py3-none-any.whl"), "w") as z:
    for n, t in files.items():
        z.writestr(n, t)
