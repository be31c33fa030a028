from pgscrub.cli import main

main()
