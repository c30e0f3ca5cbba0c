import datetime as dt

from django.utils import timezone

from amicable.cases.flows import case_transition
from amicable.cases.models import Deadline
from amicable.cases.services import deadline_add

from .base import ApiTestCase


class TestDeadlinesApi(ApiTestCase):
    def url(self, suffix=""):
        return f"/cases/{self.case.pk}/deadlines{suffix}"

    def test_it_adds_a_deadline_with_an_aware_time(self):
        due = (timezone.now() + dt.timedelta(days=10)).replace(microsecond=0)
        body = {"what": "Reply to final notice", "due_at": due.astimezone(dt.timezone(dt.timedelta(hours=2)))
                .isoformat(), "if_missed": "Send the letter before claim", "step": 9}
        response = self.call("post", self.url(), body)
        assert response.status_code == 201, response.content
        deadline = Deadline.objects.get(pk=response.json()["id"])
        assert (deadline.due_at, deadline.step, deadline.case) == (due, 9, self.case)
        assert response.json()["is_open"] and not response.json()["is_overdue"]
        assert self.last_event().kind == "deadline.added"

    def test_it_explains_bad_deadlines(self):
        future = (timezone.now() + dt.timedelta(days=3)).isoformat()
        past = (timezone.now() - dt.timedelta(days=3)).isoformat()
        self.assert_error(self.call("post", self.url(), {"what": "X", "due_at": past}), 400, "due_at", "past")
        self.assert_error(self.call("post", self.url(), {"what": "X", "due_at": "2030-01-01T10:00:00"}), 422,
                          "due_at", "timezone")
        self.assert_error(self.call("post", self.url(), {"what": "X", "due_at": "soon"}), 422, "due_at")
        self.assert_error(self.call("post", self.url(), {"what": "X", "due_at": future, "step": 11}), 400, "step")
        self.assert_error(self.call("post", self.url(), {"what": "", "due_at": future}), 400, "what")
        case_transition(actor=self.owner, case=self.case, to="closed", outcome="withdrawn")
        self.assert_error(self.call("post", self.url(), {"what": "X", "due_at": future}), 400, "what", "closed")
        assert not Deadline.objects.exists()

    def test_it_marks_done_and_cancels_once(self):
        first = deadline_add(actor=self.owner, case=self.case, what="A", due_at=self.future(2))
        second = deadline_add(actor=self.owner, case=self.case, what="B", due_at=self.future(4))
        response = self.call("post", self.url(f"/{first.pk}/done"))
        assert response.status_code == 200 and response.json()["done_at"]
        assert self.last_event().kind == "deadline.done"
        self.assert_error(self.call("post", self.url(f"/{first.pk}/done")), 400, "deadline", "already")
        response = self.call("post", self.url(f"/{second.pk}/cancel"), {"reason": "Client paid"})
        assert response.status_code == 200 and response.json()["cancelled_at"]
        assert self.last_event().summary == "Deadline cancelled: B (Client paid)"
        self.assert_error(self.call("post", self.url(f"/{second.pk}/cancel")), 400, "deadline", "already")
        assert [d["what"] for d in self.call("get", self.url()).json()] == ["A", "B"]
        assert self.call("get", self.url("?open_only=true")).json() == []
        assert self.call("get", self.url(f"/{first.pk}")).json()["what"] == "A"

    def test_it_cancels_without_a_body(self):
        deadline = deadline_add(actor=self.owner, case=self.case, what="A", due_at=self.future(2))
        assert self.call("post", self.url(f"/{deadline.pk}/cancel")).status_code == 200
        deadline.refresh_from_db()
        assert deadline.cancelled_at is not None

    def test_it_does_not_reach_a_deadline_through_another_case(self):
        other = deadline_add(actor=self.stranger, case=self.stranger_case, what="Theirs", due_at=self.future(2))
        assert self.call("get", self.url(f"/{other.pk}")).status_code == 404
        assert self.call("post", self.url(f"/{other.pk}/done")).status_code == 404
        other.refresh_from_db()
        assert other.done_at is None
