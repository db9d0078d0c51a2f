import sys

from proofkit.gui.app import main

sys.exit(main())
