import sys

from vnintegration.cli import main

sys.exit(main())
