"""Sync bundles in the window (DESIGN §7), one file per view.

Case manager: ``bundle.SyncBundleView`` shows the district configuration in force, previews
exactly what a bundle for a period would carry (``preview.BundlePreview``; the personal-data
check's findings in ``findings.FindingsBox``), saves it and lists what was exported.

Coordinator: ``inbox.BundleInboxView`` imports bundles (button or drag and drop) through
core's one import loop; a bundle of an unknown sender is imported only after someone compared
the sender's fingerprint and trusted it. ``gaps.CollectedGapsView`` lists the gap texts the
current bundles carried.

Everything goes through ``core.sync`` (``outbox``, ``inbox``, ``district``); long work runs
in the background through ``run_operation``."""
