"""Home page: what the two convolutions are, and a card per learning page."""

import streamlit as st

from ui.i18n import translator
from ui.navigation import PAGES

t = translator()

st.title(t("home.title"))
st.caption(t("common.app_tagline"))
st.markdown(t("home.intro_standard"))
st.markdown(t("home.intro_depthwise"))

if PAGES:
    st.subheader(t("home.pages_heading"))
    columns = st.columns(min(len(PAGES), 2))
    for index, entry in enumerate(PAGES):
        with columns[index % len(columns)].container(border=True):
            st.markdown(f"#### {t(entry.title_key)}")
            st.markdown(t(entry.summary_key))
            st.page_link(entry.script, label=t("home.open_page"), icon=entry.icon)

st.divider()
st.caption(t("common.convention"))
