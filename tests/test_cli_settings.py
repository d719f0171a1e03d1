"""quorate settings and quorate completion: what a business manager types."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Store
from tests.conftest import REPO, digest
from tests.test_cli import quorate
from tui import cli, commands


def test_settings_shows_every_setting(sample_path: Path) -> None:
    before = digest(sample_path)
    result = quorate("settings", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "partnership-name: Kestrel Vale Safeguarding Children Partnership",
        "classification: OFFICIAL-SENSITIVE",
        "user-name: Priya Raman",
        "quorum-members: 4",
        "amber-days: 7",
        "quorum-rules: executive: local authority, ICB, police, by leads; "
        "rapid review: local authority, ICB, police; child death review: local authority, ICB; "
        "partnership board: members; sub-group: members; learning event: none",
        "each-local-authority: no",
        "reports-to: rapid review: executive; sub-group: executive; outside: executive",
        "review-milestones: template 2; returns 5; meeting 7-13; panel 2 after meeting; "
        "complete 15",
        "review-day0: notification",
        "escalation-policy: Practitioners (practitioner to practitioner) 5; Line managers "
        "(line managers and designated safeguarding leads) 5; Senior managers (senior managers "
        "and heads of service) 5; Partnership executive (the partnership executive, with the "
        "scrutineer) 14; urgent 24 hours",
        "closure-days: (none)",
    ]
    assert digest(sample_path) == before, "showing changes nothing"


def test_quorum_rules_and_reporting_lines_are_typed_as_shown(sample_path: Path) -> None:
    result = quorate(
        "settings",
        str(sample_path),
        "--quorum-rules",
        "Sub-group: local authority, members; rapid review: la, police",
        "--each-local-authority",
        "yes",
        "--reports-to",
        "rapid review: executive; outside: board",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "changed: --quorum-rules, --each-local-authority, --reports-to"
    assert "each-local-authority: yes" in lines
    assert "reports-to: outside: partnership board; rapid review: executive" in lines
    store = Store.open(sample_path, readonly=True)
    try:
        settings = store.settings.get()
        rules = {kind.value: rule for kind, rule in settings.quorum_rules.items()}
        # The kinds not named are as they were.
        assert rules["executive"].by_partner_leads
        assert [k.value for k in rules["executive"].partners] == [
            "local_authority",
            "health",
            "police",
        ]
        assert [k.value for k in rules["rapid_review"].partners] == ["local_authority", "police"]
        assert rules["sub_group"].members and rules["sub_group"].partners
        assert settings.each_local_authority is True
        assert {body: to.value for body, to in settings.reports_to.items()} == {
            "rapid_review": "executive",
            "outside": "partnership_board",
        }
        fields = [e.field for e in store.audit_trail("settings")]
        assert fields[-3:] == ["quorum_rules", "each_local_authority", "reports_to"]
    finally:
        store.close()
    shown = quorate("settings", str(sample_path))
    typed_back = next(
        line.removeprefix("quorum-rules: ")
        for line in shown.stdout.splitlines()
        if line.startswith("quorum-rules: ")
    )
    # What is shown can be typed back: it changes nothing, and nothing is audited.
    again = quorate("settings", str(sample_path), "--quorum-rules", typed_back)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[:-1] == shown.stdout.splitlines()
    store = Store.open(sample_path, readonly=True)
    try:
        assert [e.field for e in store.audit_trail("settings")][-3:] == fields[-3:]
        assert len(store.audit_trail("settings")) == len(fields)
    finally:
        store.close()


def test_closure_days_are_read_as_typed_and_a_bad_one_changes_nothing(
    sample_path: Path,
) -> None:
    result = quorate(
        "settings", str(sample_path), "--closure-days", "29 Dec 2026 Christmas closure, 30/12/2026"
    )
    assert result.returncode == 0, result.stderr
    assert "closure-days: 29 Dec 2026 Christmas closure, 30 Dec 2026" in result.stdout
    assert result.stdout.splitlines()[-1] == "changed: --closure-days"
    before = digest(sample_path)
    refused = quorate(
        "settings", str(sample_path), "--amber-days", "10", "--closure-days", "25 Dec 2026"
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "--closure-days: Fri 25 Dec 2026 is a bank holiday" in refused.stderr
    assert "nothing changed" in refused.stderr
    assert digest(sample_path) == before


def test_settings_changes_are_validated_and_audited(sample_path: Path) -> None:
    result = quorate(
        "settings",
        str(sample_path),
        "--amber-days",
        "14",
        "--quorum-members",
        "",
        "--user-name",
        "Sam Ortiz",
    )
    assert result.returncode == 0, result.stderr
    assert "amber-days: 14" in result.stdout and "quorum-members: (none)" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "changed: --user-name, --quorum-members, --amber-days"
    )
    store = Store.open(sample_path, readonly=True)
    try:
        settings = store.settings.get()
        assert (settings.amber_days, settings.quorum_members) == (14, None)
        fields = [e.field for e in store.audit_trail("settings")]
        assert fields[-3:] == ["user_name", "quorum_members", "amber_days"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--amber-days", "two"), "--amber-days: a whole number"),
        (("--amber-days", "0"), "--amber-days:"),
        (("--amber-days", "²"), "--amber-days: a whole number"),
        (("--quorum-members", "500"), "--quorum-members:"),
        (("--partnership-name", "  "), "--partnership-name:"),
        (("--quorum-rules", "executive: the mayor"), "--quorum-rules: 'the mayor'"),
        (("--quorum-rules", "cabinet: police"), "--quorum-rules: 'cabinet: police'"),
        (("--quorum-rules", "board: by leads"), "--quorum-rules: board: by leads needs"),
        (("--each-local-authority", "perhaps"), "--each-local-authority: 'perhaps'"),
        (("--reports-to", "executive: executive"), "--reports-to: executive cannot"),
        (("--reports-to", "parish: executive"), "--reports-to: 'parish: executive'"),
    ],
)
def test_a_bad_value_is_refused_in_one_line_and_nothing_changes(
    sample_path: Path, args: tuple[str, ...], message: str
) -> None:
    before = digest(sample_path)
    result = quorate("settings", str(sample_path), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(f"quorate: {message}")
    assert "nothing changed" in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert digest(sample_path) == before


def test_an_unknown_option_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    unknown = quorate("settings", str(tmp_path / "x.db"), "--colour", "red")
    assert unknown.returncode == 2 and "unrecognized arguments: --colour" in unknown.stderr
    missing = quorate("settings", str(tmp_path / "nowhere.db"), "--amber-days", "3")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.count("\n") == 1
    assert not (tmp_path / "nowhere.db").exists(), "settings never creates a file"


@contextlib.contextmanager
def held(path: Path) -> Iterator[None]:
    """Another process holds Quorate's lock on the file, as a running app does."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from store.db.probes import claim; from pathlib import Path; "
            "claim(Path(sys.argv[1])); print('held', flush=True); time.sleep(30)",
            str(path),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_settings_are_not_changed_under_a_running_app(sample_path: Path) -> None:
    before = digest(sample_path)
    with held(sample_path):
        changed = quorate("settings", str(sample_path), "--amber-days", "10")
        shown = quorate("settings", str(sample_path))
    assert changed.returncode == 2 and "is open in Quorate" in changed.stderr
    assert shown.returncode == 0 and "amber-days: 7" in shown.stdout
    assert digest(sample_path) == before


def test_the_settings_the_cli_offers_are_the_models() -> None:
    from store.domain.models import Settings

    assert [field for field, _, _ in commands.SETTINGS] == list(Settings.model_fields)


def test_help_lists_settings_and_completion() -> None:
    top = quorate("--help")
    for command in ("settings", "completion"):
        assert f"quorate {command}" in top.stdout
    sub = quorate("settings", "--help")
    assert sub.returncode == 0 and "--amber-days" in sub.stdout


# -- completion ------------------------------------------------------------------------


def test_the_committed_completion_scripts_are_up_to_date() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_completions
    finally:
        sys.path.remove(str(REPO / "scripts"))
    for shell, text in build_completions.scripts().items():
        committed = REPO / "tui" / "completions" / cli.COMPLETION_FILES[shell]
        assert committed.read_text(encoding="utf-8") == text, (
            f"{committed.name} is stale: run `make completions`"
        )


def test_quorate_completion_prints_the_shipped_script() -> None:
    for shell, name in cli.COMPLETION_FILES.items():
        result = quorate("completion", shell)
        assert result.returncode == 0
        assert result.stdout == (REPO / "tui" / "completions" / name).read_text()
    assert quorate("completion", "fish").returncode == 2


BASH_PROBE = r"""
source "$1"
shift
line="$*"
read -ra COMP_WORDS <<< "$line"
[[ "$line" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$line"
COMP_POINT=${#line}
COMPREPLY=()
_shtab_quorate quorate "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("quorate ex", ["export"]),
        ("quorate se", ["search", "settings"]),
        ("quorate export m", ["minutes"]),
        ("quorate settings here.db --am", ["--amber-days"]),
        ("quorate completion ", ["bash", "zsh"]),
        ("quorate check her", ["here.db"]),
    ],
)
def test_bash_completes_commands_options_and_files(
    tmp_path: Path, typed: str, offered: list[str]
) -> None:
    (tmp_path / "here.db").write_bytes(b"")
    script = REPO / "tui" / "completions" / "quorate.bash"
    result = subprocess.run(
        ["bash", "-c", BASH_PROBE, "probe", str(script), typed],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == offered


def test_the_rapid_review_settings_are_read_as_typed(sample_path: Path) -> None:
    changed = quorate(
        "settings",
        str(sample_path),
        "--review-milestones",
        "Template 3; returns 5; meeting between days 7 and 12; panel 2 after meeting; complete 15",
        "--review-day0",
        "Referral",
    )
    assert changed.returncode == 0, changed.stderr
    assert (
        "review-milestones: template 3; returns 5; meeting 7-12; panel 2 after meeting; complete 15"
        in changed.stdout
    )
    assert "review-day0: referral" in changed.stdout
    before = digest(sample_path)
    bad = quorate("settings", str(sample_path), "--review-milestones", "template two")
    assert bad.returncode == 2 and "--review-milestones" in bad.stderr
    assert "Traceback" not in bad.stderr and digest(sample_path) == before
    wrong = quorate("settings", str(sample_path), "--review-day0", "incident")
    assert wrong.returncode == 2 and "--review-day0" in wrong.stderr
