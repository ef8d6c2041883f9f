"""`vaultnet lsp` under pytest-lsp, an off-the-shelf LSP client (PyPI
`pytest-lsp`, built on pygls and lsprotocol), with the client
capabilities pytest-lsp records for real editors (VS Code 1.65, Neovim
0.11, Emacs 29), on a copy of `vault-example/`.

Not part of `cargo test` (it needs Python and pytest-lsp):

    pip install pytest-lsp
    cargo build
    VAULTNET=target/debug/vaultnet python3 -m pytest tests/nvim/test_pytest_lsp.py

Each editor's capabilities: open a daily note and a person note, compare
the diagnostics with `vaultnet check --format json` on the same files,
add a journal mention, misspell a key and apply the quick fix the server
offers, then hover and complete — and the server must still answer.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
VAULTNET = os.environ.get("VAULTNET", str(ROOT / "target" / "debug" / "vaultnet"))
TODAY = "2026-11-25"
EDITORS = ["visual-studio-code", "neovim@v0.11.0", "emacs"]


@pytest.fixture
def vault(tmp_path):
    root = tmp_path / "vault"
    shutil.copytree(ROOT / "vault-example", root)
    return root


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[VAULTNET, "lsp"],
        server_env=dict(os.environ, VAULTNET_TODAY=TODAY, VAULTNET_LSP_VERIFY="1"),
    ),
    params=EDITORS,
)
async def client(request, lsp_client: LanguageClient, vault):
    # The recorded editors register file watchers dynamically; pytest-lsp
    # itself has no handler for it, so accept as the editors would.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params):
        return None

    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        root_uri=vault.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=vault.as_uri(), name="vault")],
    )
    result = await lsp_client.initialize_session(params)
    assert result.server_info.name == "vaultnet"
    yield
    await lsp_client.shutdown_session()


def check(vault):
    out = subprocess.run(
        [VAULTNET, "check", "--format", "json", "--no-cache", "--today", TODAY, str(vault)],
        capture_output=True,
        check=False,
    )
    found = {}
    for d in json.loads(out.stdout):
        found.setdefault(d["path"], []).append(
            (d["line"], "%s (%s)" % (d["rule"], d["code"]), d["message"])
        )
    return found


def summary(diagnostics):
    return [
        (d.range.start.line + 1, d.code, d.message.split("\n")[0]) for d in diagnostics or []
    ]


async def publish(client, uri, version=None):
    """The next diagnostics of `uri` (of `version`, when given)."""
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri and (version is None or params.version == version):
            return params.diagnostics


async def open_note(client, vault, rel):
    path = vault / rel
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    return uri, text, await publish(client, uri)


def change(client, uri, version, text):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text, edits):
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    # vault-example is ASCII on the lines edited here: columns are bytes.
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start = offsets[e.range.start.line] + e.range.start.character
        end = offsets[e.range.end.line] + e.range.end.character
        text = text[:start] + e.new_text + text[end:]
    return text


@pytest.mark.asyncio
async def test_edits_hovers_completions_and_fixes(client: LanguageClient, vault):
    expected = check(vault)
    daily_rel = "Daily/2026-11-23.md"
    person_rel = "People/Mei Chen.md"
    daily, daily_text, found = await open_note(client, vault, daily_rel)
    assert summary(found) == expected.get(daily_rel, [])
    mei, mei_text, found = await open_note(client, vault, person_rel)
    assert summary(found) == expected.get(person_rel, [])

    # A new journal mention: Mei's findings follow, as check's would.
    edited = daily_text + "\nLunch with [[Mei Chen]] about her new team.\n"
    change(client, daily, 2, edited)
    await publish(client, daily, 2)
    (vault / daily_rel).write_text(edited, encoding="utf-8")
    hover_line = edited.rstrip("\n").count("\n")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=daily),
            position=types.Position(line=hover_line, character=14),
        )
    )
    assert hover is not None and "**Mei Chen**" in hover.contents.value, hover
    assert "last contact: 2026-11-23" in hover.contents.value, hover.contents.value
    await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=mei),
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert summary(client.diagnostics[mei]) == check(vault).get(person_rel, [])

    # Completion after `[[`.
    typed = edited + "Call with [[Mei"
    change(client, daily, 3, typed)
    lines = typed.split("\n")
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=daily),
            position=types.Position(line=len(lines) - 1, character=len(lines[-1])),
        )
    )
    items = completion.items if hasattr(completion, "items") else completion
    assert any(i.label == "Mei Chen" for i in items), [i.label for i in items][:10]
    change(client, daily, 4, edited)
    await publish(client, daily, 4)

    # A misspelt key, and its quick fix.
    typo = mei_text.replace("\nlocation:", "\nlocaton:", 1)
    change(client, mei, 2, typo)
    found = await publish(client, mei, 2)
    (vault / person_rel).write_text(typo, encoding="utf-8")
    assert summary(found) == check(vault).get(person_rel, [])
    unknown = [d for d in found if d.code == "unknown-field (VN003)"]
    assert unknown, summary(found)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=mei),
            range=unknown[0].range,
            context=types.CodeActionContext(diagnostics=unknown),
        )
    )
    titles = [a.title for a in actions]
    assert "Rename `locaton` to `location`" in titles, titles
    assert "Suppress unknown-field for this note" in titles, titles
    assert "Log an interaction today" in titles, titles
    fix = next(a for a in actions if a.title == "Rename `locaton` to `location`")
    fixed = apply(typo, fix.edit.changes[mei])
    assert fixed == mei_text
    change(client, mei, 3, fixed)
    found = await publish(client, mei, 3)
    (vault / person_rel).write_text(fixed, encoding="utf-8")
    assert summary(found) == check(vault).get(person_rel, [])

    errors = [m.message for m in client.log_messages if "internal error" in m.message]
    assert errors == []


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v"]))
