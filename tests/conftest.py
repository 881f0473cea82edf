import sys
from pathlib import Path

# tests import the project as a new user's checkout would: from the repository root
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
