//! The compliance programme: governance, suppliers, årshjul, Art 23 clocks, obligations (in progress).
