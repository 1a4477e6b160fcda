"""The navigation frame and home page render in both languages without TensorFlow."""

import subprocess
import sys
import textwrap

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.mark.parametrize(("lang", "title"), [("en", "Standard vs depthwise convolution"), ("zh", "标准卷积与深度卷积")])
def test_home_renders(lang, title):
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception
    assert app.title[0].value == title


def test_unknown_lang_falls_back_to_english():
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    app.query_params["lang"] = "klingon"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Standard vs depthwise convolution"


def test_sidebar_switch_changes_language():
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    app.run()
    app.session_state["lang"] = "zh"
    app.run()
    assert app.title[0].value == "标准卷积与深度卷积"


def test_home_does_not_import_tensorflow():
    """A fresh interpreter renders the home page and TensorFlow stays unloaded."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from streamlit.testing.v1 import AppTest
        app = AppTest.from_file({str(ROOT / "streamlit_app.py")!r}, default_timeout=30)
        app.run()
        assert not app.exception, app.exception
        print("tensorflow" in sys.modules, "keras" in sys.modules)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["False", "False"]
