"""convlab's navigation frame: page config, language switch and page list.

Run with ``streamlit run streamlit_app.py``. This script must not import
TensorFlow: pages that need it import it lazily.
"""

import os

import streamlit as st

from core.bench.quiet import PAGE_GATE
from ui.i18n import language_switch
from ui.messages import show_unexpected
from ui.navigation import HOME, PAGES

st.set_page_config(
    page_title="convlab", page_icon=":material/grid_on:", layout="wide", initial_sidebar_state="expanded"
)

t = language_switch()

home = st.Page(HOME.script, title=t(HOME.title_key), icon=HOME.icon, url_path=HOME.url_path, default=True)
learning_pages = [
    st.Page(entry.script, title=t(entry.title_key), icon=entry.icon, url_path=entry.url_path) for entry in PAGES
]
navigation = {"": [home]}
if learning_pages:
    navigation[t("common.nav_section_learn")] = learning_pages
page = st.navigation(navigation)

# While another session's benchmark is queued or timing, this run waits here so it
# does not slow the timing down. The notice explains why and goes once the run starts.
notice = st.empty()


def tell_waiting() -> None:
    notice.info(t("common.waiting_for_benchmark"), icon=":material/hourglass_top:")


try:
    with PAGE_GATE.page_run(on_wait=tell_waiting):
        notice.empty()
        page.run()
except Exception as exc:  # noqa: BLE001 - the last guard: a message instead of a traceback
    show_unexpected(t, exc)
    # The test suite sets this so that AppTest records the exception and a
    # crashing page cannot pass `assert not app.exception`.
    if os.environ.get("CONVLAB_RAISE_UNEXPECTED") == "1":
        raise
