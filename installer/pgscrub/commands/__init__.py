"""One module per command family; each registers its Typer commands on pgscrub.commands.common.app."""
