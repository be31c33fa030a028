-- What is installed here: the pgscrub version, where pgcrypto lives, whether the
-- new-column watcher (a superuser-only event trigger) could be created.
CREATE TABLE anon.installation (
    singleton          boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version            text        NOT NULL,
    pgcrypto_schema    name        NOT NULL,
    watcher_installed  boolean     NOT NULL,
    installed_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    installed_by       name        NOT NULL DEFAULT CURRENT_USER,
    upgraded_at        timestamptz
);
COMMENT ON TABLE anon.installation IS 'pgscrub: the installed version (one row); written by pgscrub install/upgrade';

CREATE TABLE anon.installation_history (
    happened_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    version      text        NOT NULL,
    action       text        NOT NULL CHECK (action IN ('install', 'upgrade')),
    done_by      name        NOT NULL DEFAULT CURRENT_USER
);
COMMENT ON TABLE anon.installation_history IS 'pgscrub: every install and upgrade of this schema';
