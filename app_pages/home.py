"""Home page: what the two convolutions are, one layer counted both ways, and a card per learning page."""

import streamlit as st

from core.cost import layer_cost
from core.i18n import format_count
from ui.i18n import translator
from ui.navigation import PAGES

# A 3x3 layer from the middle of MobileNet, where most of its Mult-Adds are.
EXAMPLE_INPUT = (14, 14, 512)
EXAMPLE_CONFIG = {"filters": 512, "kernel_size": 3, "padding": "same", "use_bias": False}

t = translator()

st.title(t("home.title"))
st.caption(t("common.app_tagline"))
st.markdown(t("home.intro_standard"))
st.markdown(t("home.intro_depthwise"))

standard = layer_cost("Conv2D", EXAMPLE_INPUT, **EXAMPLE_CONFIG)
separable = layer_cost("SeparableConv2D", EXAMPLE_INPUT, **EXAMPLE_CONFIG)
kernel_area = EXAMPLE_CONFIG["kernel_size"] ** 2

with st.container(border=True):
    st.markdown(f"**{t('home.example_heading')}**")
    st.caption(t("home.example_config"))
    standard_column, separable_column, ratio_column = st.columns(3)
    standard_column.metric(
        t("home.metric_standard"),
        format_count(standard.macs),
        help=t("home.params_help", params=format_count(standard.params)),
    )
    separable_column.metric(
        t("home.metric_separable"),
        format_count(separable.macs),
        help=t("home.params_help", params=format_count(separable.params)),
    )
    ratio_column.metric(t("home.metric_ratio"), f"{standard.macs / separable.macs:.1f}×")
    st.markdown(
        t(
            "home.example_formula",
            filters=EXAMPLE_CONFIG["filters"],
            kernel_area=kernel_area,
            fraction=f"{separable.macs / standard.macs:.3f}",
        )
    )

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
