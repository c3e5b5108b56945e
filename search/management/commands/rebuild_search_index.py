from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.index import rebuild


class Command(BaseCommand):
    help = "Build a new versioned search index from the database and swap the alias to it."

    def handle(self, *args, **options):
        bar = tqdm(unit="items", disable=options["verbosity"] == 0, file=self.stderr)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done)

        result = rebuild(progress=progress)
        bar.close()
        counts = ", ".join(f"{kind}: {n}" for kind, n in result["counts"].items())
        target = result["index"] or "database engine"
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt ({target}): {counts}"))
