from specguard.cli.entry import main

main()
