from dataclasses import dataclass
@dataclass
class KeyTerm:
    name: str
    def to_dict(self): return {}
def extract_terms(clauses): return []
