"""The encrypted case file: storage, models, migrations, audit, catalogues."""
