"""`flask sentiment train` and `flask sentiment retag`."""

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from helpdesk.errors import Invalid
from helpdesk.extensions import db
from helpdesk.tagging import service
from helpdesk.tickets import batch
from helpdesk.tickets.models import Message, MessageKind

sentiment_group = AppGroup("sentiment", help="The sentiment tagger: training and re-tagging.")


@sentiment_group.command("train")
def train_command() -> None:
    """Retrain from the shipped examples plus every agent correction; workers switch to it."""
    try:
        info = service.train()
    except Invalid as error:
        raise click.ClickException(error.message) from None
    scores = info.scores
    click.echo(
        f"Model {info.version}: trained on {info.trained_on} examples "
        f"({info.corrections} from agents' corrections)."
    )
    click.echo(
        f"Held-out scores: accuracy {scores['accuracy']:.2f}, macro-F1 {scores['macro_f1']:.2f}, "
        f"negative recall {scores['negative_recall']:.2f} on {scores['examples']} examples."
    )


@sentiment_group.command("retag")
@click.option("--batch-size", type=int, default=500, show_default=True)
def retag_command(batch_size: int) -> None:
    """Tag every customer message again with the current model (keeps agents' corrections)."""
    total = db.session.scalar(
        select(func.count()).select_from(Message).where(Message.kind == MessageKind.CUSTOMER)
    )
    last_id, done = 0, 0
    with click.progressbar(length=total, label="Retagging customer messages") as bar:
        while (step := batch.retag_batch(after_id=last_id, batch_size=batch_size)) is not None:
            last_id, count = step
            bar.update(count)
            done += count
    click.echo(f"Retagged {done} messages with model {service.model_info().version}.")
    for step in service.RETAG_STEPS:
        last_id, done = 0, 0
        with click.progressbar(length=step.count(), label=f"Retagging {step.label}") as bar:
            while (result := step.batch(last_id, batch_size)) is not None:
                last_id, count = result
                bar.update(count)
                done += count
        click.echo(f"Retagged {done} {step.label}.")
