from dataclasses import dataclass
@dataclass
class HealthItem:
    key: str
    def to_dict(self): return {}
def health_check(clauses, terms): return []
