"""Commands on the case file itself: create, policy, demo, interchange, backup, restore,
passphrase, verify. The engine (SQLAlchemy, the models) is imported inside the commands, so
that building the parser stays fast (``kim --help``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kim_desktop.cli.common import (
    NEW_PASSPHRASE_ENV,
    PLAIN_DATA,
    AddCommand,
    open_file,
    passphrase,
    say,
    warn,
)
from kim_desktop.core.errors import EXIT_OK, EXIT_REJECTED, KimError, UsageError

if TYPE_CHECKING:
    from kim_desktop.core.casefile import storage
    from kim_desktop.core.platform import policy

# storage.ROLES, without importing the engine to build the parser (a test keeps them equal)
ROLES = ("casemanager", "coordinator")


def create(path: Path, args: argparse.Namespace, **facts: str | None) -> storage.CaseFile:
    """A new case file under the machine-wide policy: its folder, passphrase length and
    district configuration. Nothing is left behind when the policy refuses."""
    from kim_desktop.core.casefile import storage
    from kim_desktop.core.platform import policy

    policy.prepare_case_file_folder(args.policy, path)
    casefile = storage.CaseFile.create(
        path,
        passphrase(confirm=True),
        min_passphrase_length=args.policy.min_passphrase_length,
        **facts,  # type: ignore[arg-type]
    )
    from kim_desktop.core.sync import district

    try:
        problem = district.preload_district(casefile, args.policy)
    except BaseException:
        casefile.close()
        storage.remove_case_file(path)
        raise
    if problem:
        sys.stderr.write(f"kim: {problem}\n")
    elif policy.DISTRICT_CONFIG in args.policy.values and casefile.role == "casemanager":
        say("The district configuration named by the machine-wide policy is imported.")
    return casefile


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.file)
    with create(path, args, role=args.role, owner=args.owner, district=args.district):
        pass
    say(f"Created {args.file} ({args.role}).")
    return EXIT_OK


def cmd_policy(args: argparse.Namespace) -> int:
    """Show the machine-wide policy in force (or check a file before installing it). Every
    problem is printed once; any problem, an unusable policy or a district configuration
    that cannot be imported gives exit code 4."""
    from kim_desktop.core.platform import paths, policy

    current = policy.load_policy(Path(args.file)) if args.file else args.policy
    if current.source is None:
        say(f"No machine-wide policy ({paths.machine_policy_file()} does not exist).")
        return EXIT_OK
    encoding = f" ({current.encoding})" if current.encoding else ""
    say(f"Policy: {current.source}{encoding}")
    if current.refusal:
        say("  Not usable: kim and the desktop program open and create no case file.")
    if current.ignored:
        say("  Ignored: a non-administrator could have written it; none of its values apply.")
    for key in policy.LOCKABLE:
        value = current.get(key)
        shown = "(not set)" if value is None else value
        lock = " (locked)" if current.is_locked(key) else ""
        origin = "" if key in current.values else " [built-in]"
        origin += " [registry]" if key in current.from_registry else ""
        say(f"  {key}: {shown}{origin}{lock}")
    problems = list(current.problems)
    district_problem = _district_config_problem(current)
    if district_problem:
        problems.append(district_problem)
    for problem in problems:
        sys.stderr.write(f"kim: policy: {problem}\n")
    return EXIT_REJECTED if problems else EXIT_OK


def _district_config_problem(current: policy.Policy) -> str | None:
    """Whether the policy's district configuration would import: a path that is missing or
    not a signed configuration is reported here rather than when a file is created."""
    from kim_desktop.core.platform import policy

    source = current.values.get(policy.DISTRICT_CONFIG)
    if source is None:
        return None
    from kim_desktop.core.sync import district

    try:
        district.read_config(source)
    except (KimError, OSError) as error:
        reason = error.message if isinstance(error, KimError) else (error.strerror or "")
        locked = "; it is locked, so no case-manager file can be created"
        return (
            f"key '{policy.DISTRICT_CONFIG}': {source} cannot be imported "
            f"({(reason or type(error).__name__).rstrip('.')})"
            f"{locked if current.is_locked(policy.DISTRICT_CONFIG) else ''}."
        )
    return None


def cmd_demo(args: argparse.Namespace) -> int:
    if args.clients < 1:
        raise UsageError("--clients must be at least 1.")
    from kim_desktop.core import interchange
    from kim_desktop.core.casefile import storage
    from kim_desktop.core.interchange.demo import demo_document
    from kim_desktop.core.interchange.demo_steps import add_demo_steps

    document = demo_document(seed=args.seed, clients=args.clients)
    path = Path(args.file)
    casefile = create(
        path, args, role="casemanager", owner=document["owner"], district="Rhein-Sieg-Kreis"
    )
    try:
        summary = interchange.import_document(casefile, document, "demo")
        steps = add_demo_steps(casefile, document, args.seed)
    except BaseException:
        casefile.close()
        storage.remove_case_file(path)
        raise
    casefile.close()
    say(f"Created demo case file {args.file}: {summary.describe()}, {steps} agreed steps.")
    return EXIT_OK


def cmd_import_json(args: argparse.Namespace) -> int:
    from kim_desktop.core import interchange
    from kim_desktop.core.documents import access_copy

    document = interchange.load_json(args.input)  # reject bad input before asking anything
    with open_file(args.file) as casefile:
        # an Art. 15 copy's JSON imports whole, with the agreed steps beside the document
        summary = access_copy.import_document(casefile, document, Path(args.input).name)
    say(f"Imported {summary.describe()}.")
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace) -> int:
    from kim_desktop.cli.restriction_commands import restricted_left_out
    from kim_desktop.core import interchange

    with open_file(args.file) as casefile:
        summary = interchange.export_file(casefile, args.output)
    total = sum(summary.counts.values())
    say(f"Exported {total} records to {args.output}.")
    left_out = restricted_left_out(summary)
    if left_out:
        warn(left_out)  # never silently (Art. 18 GDPR)
    if summary.steps_left_out:
        warn(
            f"{summary.steps_left_out} agreed step(s) of goals are not in the export: the "
            "interchange format has no field for them (they stay in the case file)."
        )
    warn(PLAIN_DATA)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with open_file(args.file) as casefile:
        casefile.backup(Path(args.output))
    say(f"Backup written to {args.output} (same passphrase).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from kim_desktop.core.casefile import storage
    from kim_desktop.core.platform import policy

    # A restored file is a case file like a new one: only in a locked default_folder.
    policy.prepare_case_file_folder(args.policy, Path(args.file))
    storage.restore(Path(args.backup), Path(args.file), passphrase())
    say(f"Restored {args.file} from {args.backup}.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    if args.recovery:
        return _passwd_with_recovery_key(args)
    with open_file(args.file) as casefile:
        new = passphrase("New passphrase: ", confirm=True, env=NEW_PASSPHRASE_ENV)
        casefile.change_passphrase(new, args.policy.min_passphrase_length)
    say(f"Passphrase of {args.file} changed.")
    return EXIT_OK


def _passwd_with_recovery_key(args: argparse.Namespace) -> int:
    from kim_desktop.cli.recovery_commands import recovery_key_text
    from kim_desktop.core.casefile import recovery, storage
    from kim_desktop.core.casefile.rawfile import read_salt

    path = Path(args.file)
    read_salt(path)  # no such file, not a case file: said first
    recovery.read_entries(path)  # exit 4 before asking anything when there is no sidecar
    key = recovery_key_text()
    new = passphrase("New passphrase: ", confirm=True, env=NEW_PASSPHRASE_ENV)
    storage.check_passphrase_strength(new, args.policy.min_passphrase_length)
    raw_key, salt = recovery.unlock(path, key)  # exit 3 for a wrong key; nothing written
    with storage.CaseFile.open_keyed(path, raw_key, salt) as casefile:
        casefile.change_passphrase(new, args.policy.min_passphrase_length)
    say(f"New passphrase set for {args.file} with the recovery key.")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from kim_desktop.core.casefile import storage

    problems = storage.verify_path(Path(args.file), passphrase())
    if problems:
        sys.stderr.write(
            f"kim: {args.file}: {len(problems)} problem(s): {'; '.join(problems[:5])}\n"
        )
        return EXIT_REJECTED
    say(f"{args.file}: OK (encryption, integrity and references checked).")
    return EXIT_OK


def register(add: AddCommand) -> None:
    """Add these commands to the ``kim`` parser."""
    sub = add("init", cmd_init, "Create a new, empty case file.")
    sub.add_argument("file")
    sub.add_argument("--role", required=True, choices=ROLES)
    sub.add_argument("--owner", required=True, help="name of the person the file belongs to")
    sub.add_argument("--district", help="district (Kreis or kreisfreie Stadt)")

    sub = add(
        "policy",
        cmd_policy,
        "Show the machine-wide policy in force, or check a policy file (exit 4 on problems).",
    )
    sub.add_argument("file", nargs="?", metavar="POLICY.json")

    sub = add("demo", cmd_demo, "Create a synthetic case-manager file for trying out.")
    sub.add_argument("file")
    sub.add_argument("--seed", type=int, default=1)
    sub.add_argument("--clients", type=int, default=200)

    sub = add(
        "import-json", cmd_import_json, "Add the records of an interchange file (all or nothing)."
    )
    sub.add_argument("file")
    sub.add_argument("input", metavar="IN.json")

    sub = add("export-json", cmd_export_json, "Write the whole case file as interchange JSON.")
    sub.epilog = PLAIN_DATA
    sub.add_argument("file")
    sub.add_argument("output", metavar="OUT.json")

    sub = add("backup", cmd_backup, "Write an encrypted, verified copy.")
    sub.add_argument("file")
    sub.add_argument("output", metavar="OUT")

    sub = add("restore", cmd_restore, "Verify a backup and put it in place of FILE.")
    sub.add_argument("backup", metavar="BACKUP")
    sub.add_argument("file")

    sub = add("passwd", cmd_passwd, "Change the passphrase (re-encrypts the file).")
    sub.add_argument("file")
    sub.add_argument(
        "--recovery",
        action="store_true",
        help="set a new passphrase with the recovery key (KIM_RECOVERY_KEY or asked)",
    )

    sub = add("verify", cmd_verify, "Check encryption, integrity and references.")
    sub.add_argument("file")
