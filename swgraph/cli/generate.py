"""``swgraph generate``: write a synthetic national network beside the documented seeds."""

from __future__ import annotations

import click

from swgraph.cli.common import errors_as_click
from swgraph.synthetic.profiles import PROFILES
from swgraph.synthetic.tiers import GENERATED_KINDS


@click.command("generate")
@click.option("--profile", type=click.Choice(sorted(PROFILES)), default="national-2015", show_default=True,
              help="Which published figures the network must match.")
@click.option("--scale", type=float, default=1.0, show_default=True,
              help="Multiplies service agencies, their people, ties and trainings (1 = about 21,000 records). "
                   "Above 1 municipal and county associations grow too, beyond the published counts.")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Random seed; the same profile, seed and scale give byte-identical files.")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder to create: DIR/documented/ (the seeds, unchanged) and DIR/synthetic/.")
@click.option("--seeds", "seeds_dir", type=click.Path(exists=True, file_okay=False, path_type=str),
              help="Documented seeds to build around (default: the bundled seeds).")
@click.option("--force", is_flag=True, help="Replace DIR if it exists and is not empty.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "jsonl"]), default="yaml", show_default=True,
              help="Form of the synthetic files: YAML (to read and edit) or JSON Lines (one record a line, "
                   "several times faster to read). The documented seeds stay YAML.")
def generate_cmd(profile, scale, seed, out_dir, seeds_dir, force, fmt):
    """Generate a synthetic national network consistent with the published figures.

    The documented seeds are copied unchanged into DIR/documented/; the
    generated associations, service agencies, people, posts, agreements,
    visits, ties and programmes go to DIR/synthetic/. Every generated record
    is flagged synthetic: true, names its generator and has an id starting
    syn-. With profile national-2015 at scale <= 1 the totals match the 2015
    report: 24 provincial, 97 prefecture-level (14 of 21 in Guangdong) and
    168 county-level associations, more than 3,500 service agencies.

    Files are written to a temporary folder and renamed into place, so an
    interrupted run leaves nothing half-written.

    \b
    Example:
      swgraph generate --seed 1 -o out/national
      swgraph validate out/national
      swgraph generate --scale 5 --seed 2 -o out/national-100k --force
      swgraph generate --scale 5 --seed 2 --format jsonl -o out/national-jsonl
    """
    # imported here, not at the top: the generator pulls in pydantic and YAML (about 1 s), which
    # ``swgraph --help`` and the other commands should not pay for
    from swgraph.synthetic import write_generated  # noqa: PLC0415

    with errors_as_click():
        res = write_generated(out_dir, profile, scale=scale, seed=seed, seeds_dir=seeds_dir, force=force,
                              fmt=fmt)
    c = res.counts
    orgs = ", ".join(f"{c.get('organisations.' + k, 0)} {k.replace('_', ' ')}"
                     for k in GENERATED_KINDS)
    click.echo(f"wrote {res.out_dir}: {res.records} synthetic records ({orgs}; {c.get('people', 0)} people, "
               f"{c.get('posts', 0)} posts, {c.get('agreements', 0)} agreements, {c.get('events', 0)} events, "
               f"{c.get('ties', 0)} ties, {c.get('programmes', 0)} programmes) and {len(res.documented_files)} "
               f"documented files in {res.seconds:.1f} s")
