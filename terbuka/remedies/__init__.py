"""The requester's remedies after the written notice: objections (keberatan) to the Atasan
PPID (UU 14/2008 Pasal 35–36). Built on ``requests`` (the request objected to),
``bodies.permissions`` (who decides) and ``workdays`` (the 30-working-day clocks)."""
