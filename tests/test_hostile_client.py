"""A hostile websocket client: widget values of the wrong type, a corrupt frame. Nothing that comes back holds a
stack trace, a server path or a source line; a run that fails shows the project's one-line apology in the reader's
language (dashboard/common.script_error, st.App's on_script_error), never Streamlit's exception box.

The client speaks Streamlit's wire format with the `streamlit.proto` classes (BackMsg up, ForwardMsg down), as a
hostile client would; the `websockets` package is a dependency of Streamlit. No browser is needed.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from tests.browser.browser_harness import ARTIFACTS, streamlit_server
from tests.conftest import ROOT
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from vnintegration.dashboard.registry import PAGES
from vnintegration.present.i18n import t

# What a trace or a server path looks like once it reaches a client.
LEAK = re.compile("|".join([re.escape(str(ROOT)), re.escape(sys.prefix), "site-packages", "Traceback", r'File "',
                            r"\.py\b", r"\bline \d+"]))
WIDGETS_PER_PAGE = 8  # each gets one wrong value (a run each); the rest of a page's widgets get theirs all at once
TIMEOUT = 60


def wrong_value(widget_id: str, kind: str, n: int) -> WidgetState:
    """A value of a type the widget does not take: a string for choices, numbers and checkboxes; a number for text.
    N varies the wrong type so that widgets of one kind get several."""
    state = WidgetState(id=widget_id)
    if kind in ("text_input", "text_area", "chat_input"):
        state.double_value = 1e308
    elif n % 3 == 0:
        state.string_value = "\u202egnp.exe"
    elif n % 3 == 1:
        state.int_array_value.data.extend([999_999, -1])
    else:
        state.json_value = "{not json"
    return state


class Client:
    """One browser session as the server sees it: rerun requests up, the run's messages down."""

    def __init__(self, ws):
        self.ws = ws
        self.received: list[ForwardMsg] = []

    def run(self, page_hash: str = "", widgets=(), query: str = "") -> list[ForwardMsg]:
        """Ask for a run of the page with these widget states; the messages up to its end."""
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_script_hash = page_hash
        back.rerun_script.widget_states.widgets.extend(widgets)
        self.ws.send(back.SerializeToString())
        out = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(self.ws.recv(timeout=TIMEOUT))
            out.append(message)
            if message.WhichOneof("type") == "script_finished":
                break
        self.received += out
        return out


@contextmanager
def session(base: str):
    with connect(base.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                 open_timeout=TIMEOUT) as ws:
        yield Client(ws)


def widgets(messages) -> dict[str, str]:
    """Widget id -> element kind of every widget the run drew."""
    found = {}
    for message in messages:
        if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            kind = element.WhichOneof("type")
            widget_id = getattr(getattr(element, kind), "id", "")
            if isinstance(widget_id, str) and widget_id:
                found[widget_id] = kind
    return found


def elements(messages, kind: str) -> list:
    return [m.delta.new_element for m in messages if m.WhichOneof("type") == "delta"
            and m.delta.WhichOneof("type") == "new_element" and m.delta.new_element.WhichOneof("type") == kind]


def leaks(messages) -> list[str]:
    """What in MESSAGES looks like a trace or a server path. Streamlit's first message of each session names the
    script's path (NewSession.main_script_path), error or not, and the app cannot change it: left out here."""
    found = []
    for message in messages:
        copy = ForwardMsg()
        copy.CopyFrom(message)
        if copy.WhichOneof("type") == "new_session":
            copy.new_session.ClearField("main_script_path")
        found += [m.group() + " in " + str(copy)[:300] for m in LEAK.finditer(str(copy))]
    return found


def apologies(messages) -> list[str]:
    return [e.alert.body for e in elements(messages, "alert") if e.alert.body in
            (t("script_error", "vi"), t("script_error", "en"))]


@pytest.fixture(scope="module")
def server():
    with streamlit_server(log_path=ARTIFACTS / "hostile_client_server.log") as base:
        yield base


def page_hashes(client: Client) -> dict[str, str]:
    """Page name -> page script hash, from the navigation message of a first run (the pages in registry order)."""
    navigation = next(m.navigation for m in client.run() if m.WhichOneof("type") == "navigation")
    assert [p.url_pathname for p in navigation.app_pages][1:] == [page.url_path for page in PAGES][1:]
    return {page.name: app_page.page_script_hash for page, app_page in zip(PAGES, navigation.app_pages)}


def test_wrong_typed_widget_values_get_the_apology_and_no_trace(server):
    with session(server) as client:
        hashes = page_hashes(client)
        sent = failed = 0
        for page in PAGES:
            page_hash = hashes[page.name]
            drawn = widgets(client.run(page_hash))
            assert drawn, f"{page.name}: no widget found"
            ids = list(drawn)
            runs = [[wrong_value(wid, drawn[wid], n)] for n, wid in enumerate(ids[:WIDGETS_PER_PAGE])]
            runs += [[wrong_value(wid, drawn[wid], n) for n, wid in enumerate(ids)] for _ in range(2)]
            for states in runs:
                got = client.run(page_hash, states)
                sent += 1
                assert not elements(got, "exception"), (page.name, elements(got, "exception"))
                failed += bool(apologies(got))
            client.run(page_hash)  # the page drawn again with the values a browser sends (none: the defaults)
        found = leaks(client.received)
        assert not found, found[:5]
        assert sent >= 50 and failed >= sent // 3, (sent, failed)  # most wrong values do fail a run


def test_the_apology_is_in_the_readers_language(server):
    with session(server) as client:
        hashes = page_hashes(client)
        for lang in ("en", "vi"):
            page_hash = hashes[PAGES[0].name]
            drawn = widgets(client.run(page_hash, query=f"lang={lang}"))
            choice = next(wid for wid, kind in drawn.items() if kind == "button_group" and not wid.endswith("-lang"))
            got = client.run(page_hash, [wrong_value(choice, "button_group", 0)], query=f"lang={lang}")
            assert apologies(got) == [t("script_error", lang)], [e.alert.body for e in elements(got, "alert")]
            assert not leaks(got)


def test_a_corrupt_frame_gets_no_trace(server):
    """Bytes that are not a BackMsg: Streamlit from 1.62 closes the connection; nothing that came back is a trace
    (1.61.1 sent one, with paths and source lines, whatever client.showErrorDetails says)."""
    with session(server) as client:
        client.run()
        client.ws.send(b"\xff\x00 not a protobuf")
        got = []
        try:
            while True:
                message = ForwardMsg()
                message.ParseFromString(client.ws.recv(timeout=5))
                got.append(message)
        except (TimeoutError, ConnectionClosed):
            pass
        assert not elements(got, "exception") and not leaks(got), got


def test_the_leak_detector_sees_a_trace():
    message = ForwardMsg()
    message.delta.new_element.exception.stack_trace.append(f'File "{ROOT / "app.py"}", line 12, in main')
    assert len(leaks([message])) >= 3
    message.new_session.main_script_path = str(ROOT / "app.py")  # Streamlit's own, in every session: left out
    assert not leaks([message])
