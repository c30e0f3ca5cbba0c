"""The tone coach (pure Python): findings, spans, negation, quotes, HTML, bad input, score and verdict."""

from __future__ import annotations

import pytest

from amicable.messaging.tone import CATEGORIES, NEGATIVE, POSITIVE, apply_suggestions, check
from amicable.messaging.tone.engine import MAX_FINDINGS


def cats(text: str, **kw) -> set[str]:
    return check(text, **kw).categories()


def assert_reads(text: str, expected: set[str], absent: set[str]) -> None:
    """The categories found include ``expected`` and none of ``absent`` (the findings shown if not)."""
    found = cats(text)
    assert expected <= found and not (absent & found), check(text).findings


def test_it_flags_a_heated_reply_with_a_calmer_phrasing_for_each_phrase():
    text = "You NEVER reply to my emails!!! Per my last email, this is your fault."
    report = check(text)
    assert {"accusation", "absolute", "shouting", "passive_aggressive", "blame"} <= report.categories()
    assert report.score < 50 and report.verdict == "wait"  # five kinds of heat at once
    for f in report.negatives:
        assert f.message and f.suggestion is not None
        assert text[f.start : f.end] == f.text


def test_it_suggests_wording_that_the_coach_then_accepts():
    text = "You still haven't paid invoice #1042. Pay it now."
    report = check(text)
    calmer = apply_suggestions(text, report.findings)
    assert calmer == "I haven't yet received payment for invoice #1042. Please pay it now."
    again = check(calmer)
    assert again.verdict == "send" and not again.negatives


def test_it_keeps_a_polite_but_firm_payment_demand_sendable():
    text = (
        "Hi Sam, thank you for your message. Invoice #1042 for €2,400 was due on 3 March and is now "
        "21 days overdue. Please arrange payment by Friday 28 March. If payment is not received by then, "
        "I will pause work on the next milestone. Let me know if a payment plan would help."
    )
    report = check(text)
    assert report.negatives == []
    assert report.verdict == "send" and report.score == 100
    assert {"thanks", "specific_fact", "next_step"} <= report.categories()


@pytest.mark.parametrize(
    "text",
    [
        "I'm not saying you failed to pay, just that the transfer has not arrived.",
        "It's not your fault that the server went down.",
        "I never said you were unprofessional.",
        "If you haven't paid yet, here are the bank details.",
        "No one is saying the design is a mess.",
    ],
)
def test_it_does_not_treat_negated_or_conditional_phrases_as_accusations(text):
    report = check(text)
    assert not ({"accusation", "blame", "absolute"} & report.categories()), report.findings


def test_it_explains_what_it_set_aside():
    report = check("I'm not saying you failed to pay.")
    assert {why for _, why in report.suppressed} == {"negated"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("You ignored every deadline we set.", "every"),
        ("Nothing works the way you describe it.", "Nothing"),
        ("This is totally unfair.", "totally"),
        ("You haven't answered a single question I asked.", "a single"),
        ("There's always another excuse.", "always"),
        ("Nobody from your team showed up to the call.", "Nobody"),
        ("The whole launch was a disaster.", "whole"),
        ("None of my questions have been answered.", "None of"),
        ("It takes forever to get an answer from you.", "forever"),
        ("I always have to chase you for payment.", "always"),
        ("This is the longest I've ever waited for a payment.", "ever"),
    ],
)
def test_it_finds_a_universal_that_makes_a_complaint_total(text, word):
    found = [f.text for f in check(text).findings if f.category == "absolute"]
    assert word in found, check(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "I always send invoices on the 1st of the month.",  # the writer's own habit
        "We'd never share your files with anyone.",  # a reassurance
        "Please copy me on every change.",  # a request
        "Every milestone is invoiced when you approve it.",  # a process
        "Everything looks great, thank you!",  # praise
        "You've always paid promptly, so I assumed this was an oversight.",
        "All 4 invoices are attached.",  # an explicit count
        "Not every change needs a new quote.",  # a partial
        "I haven't received any payment for invoice #214 yet.",  # "any" states an absence
        "Nothing has been invoiced yet for the second phase.",  # a status
        "It was entirely my mistake, and I've fixed it.",  # the writer's own fault: an over-apology
        "I'll sue you for every penny.",  # the threat is the finding
        "That's totally fine with me.",
        "No one else has access to your account.",
        "Never mind the old invoice; I've cancelled it.",
    ],
)
def test_it_leaves_universal_words_used_neutrally_alone(text):
    assert "absolute" not in cats(text), check(text).findings


@pytest.mark.parametrize(
    ("text", "calmer"),
    [
        ("Every time I send an invoice, you find a new excuse.", "Often when I send an invoice, you find a new excuse."),
        ("This is totally unfair.", "This is unfair."),
        ("You ignored every deadline we set.", "You ignored more than one deadline we set."),
        ("All my emails went unanswered.", "Many of my emails went unanswered."),
        ("Nothing works.", "Not everything works."),
        ("The homepage looks nothing like the mockup.", "The homepage looks quite different from the mockup."),
    ],
)
def test_it_suggests_a_calmer_word_for_an_absolute(text, calmer):
    findings = [f for f in check(text).findings if f.category == "absolute"]
    assert apply_suggestions(text, findings) == calmer


@pytest.mark.parametrize(
    "text",
    [
        "> You never pay on time and you're an idiot.\nThanks for your message.",
        'You wrote: "You never deliver anything on time."',
        "On Tue, 4 Mar 2025, Client wrote:\n> This is garbage.",
        "-----Original Message-----\nYOU NEVER LISTEN!!!",
        "Your message says I'm unprofessional.",
    ],
)
def test_it_does_not_blame_the_user_for_quoted_words(text):
    assert not (set(NEGATIVE) & cats(text))


def test_it_still_counts_a_fact_quoted_from_the_contract():
    assert "specific_fact" in cats('The contract says: "Payment is due within 14 days".')


def test_it_treats_scare_quotes_as_sarcasm_and_suggests_the_plain_word():
    report = check('Thanks for your "feedback".')
    [f] = [f for f in report.findings if f.category == "sarcasm"]
    assert f.text == '"feedback"' and f.suggestion == "feedback"


def test_it_asks_to_wait_on_profanity_and_intimidation():
    assert check("This is bullshit.").verdict == "wait"
    assert check("Pay up or you'll regret it.").verdict == "wait"


def test_it_does_not_flag_a_legal_step_once_the_ladder_allows_it():
    text = "If payment is not received by 10 April, I will refer this matter to small claims court."
    assert "threat" in cats(text)
    assert "threat" not in cats(text, allow_legal=True)
    assert "threat" in cats("I will ruin your reputation.", allow_legal=True)


def test_it_returns_a_clean_report_for_empty_input():
    for text in ("", "   \n\t", None):
        report = check(text)
        assert (report.score, report.verdict, report.findings) == (100, "send", [])
        assert report.notes == ["Empty draft."]


def test_it_handles_emoji_only_drafts():
    report = check("🙂🙂🎉")
    assert report.language == "unknown" and report.findings == []
    assert "Nothing to check: no words found." in report.notes
    assert check("🤬🤬").verdict == "wait"


def test_it_handles_100000_characters_with_a_capped_list():
    text = ("You NEVER reply!!! " * 6000)[:100_000]
    report = check(text)
    assert len(report.findings) == MAX_FINDINGS
    assert any("Only the first" in n for n in report.notes)
    assert report.verdict in {"revise", "wait"}


def test_it_says_it_is_english_only_but_still_catches_shouting():
    report = check("Necesito el pago de la factura. PAGUE YA!!!")
    assert report.language == "non_en"
    assert any("English-only" in n for n in report.notes)
    assert report.categories() == {"shouting"}
    assert check("Хорошо, спасибо").categories() == set()


def test_it_strips_html_and_reports_positions_in_the_pasted_text():
    html = "<p>Hello,</p><p>You <b>never</b> reply&nbsp;to my emails!!</p><script>var x='idiot';</script>"
    report = check(html)
    assert report.html and any("HTML" in n for n in report.notes)
    acc = next(f for f in report.findings if f.category == "accusation")
    assert html[acc.start : acc.end].startswith("You <b>never</b> reply")
    assert acc.text.startswith("You never reply")
    assert "profanity" not in report.categories()  # script content is not text
    shout = next(f for f in report.findings if f.category == "shouting")
    assert html[shout.start : shout.end] == "!!"


def test_it_does_not_blame_the_user_for_an_html_blockquote():
    html = "<p>I understand.</p><blockquote>You are a liar and a scammer.</blockquote>"
    assert cats(html) == {"acknowledgement"}


def test_it_leaves_plain_text_with_angle_brackets_alone():
    report = check("Budget < 500 and timeline > 2 weeks, thanks.")
    assert not report.html


def test_it_keeps_acronyms_and_invoice_codes_quiet_but_flags_shouted_words():
    assert "shouting" not in cats("The PDF invoice INV-2024-017 is attached, total 400 EUR, due ASAP.")
    assert "shouting" in cats("The deadline was FRIDAY.")


def test_it_finds_positive_signals():
    text = ("Thanks for flagging this. I understand the delay was frustrating. I think the files may have "
            "gone to spam. Could we talk on Tuesday at 2pm? I'll resend invoice #12 for €400 today.")
    assert set(POSITIVE) <= cats(text) | {"open_question"}
    assert "open_question" in cats(text)


def test_it_serialises_a_report():
    data = check("You never reply!!").to_dict()
    assert set(data) == {"score", "verdict", "language", "html", "notes", "findings", "suppressed"}
    assert {"start", "end", "category", "polarity", "text", "message", "suggestion", "rule"} <= set(data["findings"][0])
    assert all(f["category"] in CATEGORIES for f in data["findings"])


def test_it_applies_only_the_chosen_suggestions_and_tidies_deletions():
    text = "Obviously, you need to send the files. Whatever."
    report = check(text)
    assert apply_suggestions(text, report.findings, only=["dis.obviously"]) == (
        "You need to send the files. Whatever."
    )
    assert apply_suggestions(text, []) == text


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # emphatic universals need no complaint word; contesting and defect words make a complaint
        ("Each and every invoice goes through four rounds of queries.", {"absolute"}, set()),
        ("The whole export is garbled.", {"absolute"}, set()),
        ("Day in, day out, I'm fixing the same page.", {"absolute"}, set()),
        # durations, praise with never, and a command are not absolutes
        ("The portal was down the whole morning.", set(), {"absolute"}),
        ("The checkout has never loaded quicker.", set(), {"absolute"}),
        ("You've never paid late, so I expect it's the bank.", set(), {"absolute"}),
        ("Check every link on the page before Monday.", set(), {"absolute"}),
        # fault claimed as one's own is an over-apology; "I get that" is an acknowledgement
        ("The outage was entirely on me.", {"over_apology"}, set()),
        ("I blame myself for the lost weekend.", {"over_apology"}, set()),
        ("I get why the pricing page worried you.", {"acknowledgement"}, set()),
        ("None of this is your fault.", {"acknowledgement"}, {"blame"}),
        ("I'm so sorry, sorry again, sorry about the broken form.", {"over_apology", "acknowledgement"}, set()),
        # a judgement of the work, also after "the most"
        ("That was the most chaotic launch I've been part of.", {"blame"}, set()),
        # a short predicate in quotes is a scare quote; reported words stay a quotation
        ("Apparently the fix is 'almost there'.", {"sarcasm"}, set()),
        ("You said it was 'almost there'; could you share the build?", set(), {"sarcasm"}),
        ("The printer wants CMYK files.", set(), {"shouting"}),
    ],
)
def test_it_reads_the_round_4_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize("name", ["", ", JOSE", ", JOSÉ", ", ΓΙΩΡΓΟ"])
def test_shouting_is_heated_when_most_of_the_draft_is_capitals_in_any_script(name):
    loud = [f for f in check(f"WHERE IS THE PAYMENT. I WANT IT TODAY{name}").findings if f.category == "shouting"]
    assert loud and all(f.heated for f in loud)
    once = [f for f in check(f"Where is the payment? I would like it by the end of the week, TODAY{name}.").findings
            if f.category == "shouting"]
    assert once and not any(f.heated for f in once)


def test_nothing_in_a_quoted_email_counts_not_even_its_scare_quotes():
    text = ('Thanks, I\'ll look into it today.\n\nOn Mon, 3 Mar 2025, Client wrote:\n'
            '> Your "expert" advice was useless. You NEVER listen!!')
    report = check(text)
    assert report.categories() == {"thanks", "next_step"}
    assert all(f.end <= text.index("On Mon") for f in report.findings)
    # ...and the quoted email is not read at all: its heat is not even listed as set aside
    assert report.suppressed == []
    # the same scare quote in the writer's own words counts
    assert "sarcasm" in cats('Thanks for the "expert" advice.')


@pytest.mark.parametrize(("text", "category"), [
    ("You should have a download link in your inbox now.", "accusation"),
    ("You must be exhausted after the trade show, so the report can wait.", "demand"),
    ("You're completely right about the navigation, it's much cleaner now.", "demand"),
    ("Let me know if the wording needs to go through your legal team first.", "threat"),
])
def test_plain_sentences_that_look_like_heat_are_left_alone(text, category):
    assert category not in cats(text)


@pytest.mark.parametrize(("text", "category"), [
    ("You should have told me.", "accusation"),
    ("You should have the decency to reply.", "accusation"),
    ("You must send it today.", "demand"),
    ("You need to pay now.", "demand"),
    ("If you don't pay, my legal team will handle it.", "threat"),
])
def test_their_heated_neighbours_are_still_flagged(text, category):
    assert category in cats(text)


@pytest.mark.parametrize("text", [
    "Grateful for the referral to your friend's bakery site.",
    "Grateful if you could nudge accounts on the deposit.",
    "I'm genuinely grateful you pushed back on the first concept.",
    "We're grateful for the quick turnaround.",
])
def test_gratitude_without_a_thank_you_is_thanks(text):
    assert "thanks" in cats(text)



def test_a_stock_sarcastic_phrase_said_with_congratulations_and_no_complaint_is_meant():
    report = check("What a surprise to see you on the award shortlist; congratulations to the team.")
    assert "sarcasm" not in report.categories()
    assert [why for f, why in report.suppressed if f.category == "sarcasm"] == ["sincere"]
    assert "sarcasm" not in cats("Oh, great news about the funding round, congratulations!")
    # a complaint in the sentence keeps it sarcastic, congratulations or not
    assert "sarcasm" in cats("Well done on missing the deadline again, congrats.")
    assert "sarcasm" in cats("What a surprise, the invoice is late again.")


def test_calm_down_about_traffic_is_not_dismissive():
    assert "dismissive" not in cats("Traffic should calm down once the sale ends on Sunday.")
    assert "dismissive" in cats("Calm down, it's only a logo.")


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a label the writer pins on the reader's act is a scare quote; a capitalised name is not
        ("You held the deposit back and then labelled it 'admin costs'.", {"sarcasm"}, set()),
        ("We're calling it 'Harvest' until the client picks a name.", set(), {"sarcasm"}),
        # an insult aimed at whoever runs the work is blame too
        ("That studio is staffed by amateurs.", {"blame", "profanity"}, set()),
        # "nothing" as the subject of money that never arrived; reassurance and praise are not absolutes
        ("Nothing has landed in my account.", {"absolute"}, set()),
        ("Nothing has landed in my account yet.", set(), {"absolute"}),
        ("Backups run hourly, so nothing is ever lost.", set(), {"absolute"}),
        ("Not one page needed correcting after your proofread.", set(), {"absolute"}),
        ("I love how the invoice grows every time you call.", {"absolute", "sarcasm"}, set()),
        # the count is a dig only when it counts the writer's own asking
        ("I've chased this invoice five times now.", {"passive_aggressive"}, set()),
        ("The build has failed five times now, so I'm rolling back.", set(), {"passive_aggressive"}),
        ("Resending, for what is now the third time.", {"passive_aggressive"}, set()),
        # declining is not a next step; a purpose clause in a question still is
        ("The extra pages are nothing I can fit into this budget.", set(), {"next_step"}),
        ("Who in your team could I send the revised quote to?", {"open_question"}, {"next_step"}),
        ("Which size works best, so I can order the prints?", {"open_question", "next_step"}, set()),
        ("I'd be glad to walk you through the figures.", {"next_step"}, set()),
        # thanks for what they did is thanks; "I appreciate how hard this is" acknowledges
        ("I appreciate you squeezing the review in.", {"thanks"}, {"acknowledgement"}),
        ("I appreciate how stressful the launch week has been.", {"acknowledgement"}, set()),
        ("I am sorry again for the late reply.", {"acknowledgement"}, set()),
        # the next step named as a court claim is a threat, not a next step
        ("If it stays unpaid, the next step is a claim at the county court.", {"threat"}, {"next_step"}),
        # a question that sounds like a stock sarcastic phrase, asked
        ("How convenient is a Monday slot for your accountant?", {"open_question"}, {"sarcasm"}),
        ("Do you even want the raw footage, or only the edit?", {"open_question"}, set()),
        # meant: thanks and consolation beside the stock phrase; barbed thanks stays sarcastic
        ("Who knew the teal would work? You were right all along.", set(), {"sarcasm"}),
        ("Thank you so much for finally paying!", {"sarcasm"}, set()),
        # parts of a document by number are facts
        ("The caption on slide 12 still shows the old price.", {"specific_fact"}, set()),
    ],
)
def test_it_reads_the_round_13_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # good news or a fault on the writer's own side beside a stock phrase: meant
        ("How convenient, the printer had a free slot, so I can collect the proofs today.", set(), {"sarcasm"}),
        ("I'm sure you uploaded it, our mail server quarantines big files.", set(), {"sarcasm"}),
        ("How convenient, so I can wait another week for the deposit.", {"sarcasm"}, set()),
        # plain ownership is not an over-apology; the whole of it taken on is
        ("That's on me, I'll fix the caption tonight.", set(), {"over_apology"}),
        ("This whole mess is on me.", {"over_apology"}, set()),
        ("I always reissue when the error is mine.", set(), {"over_apology"}),
        # a step against a third party, or one declined, is no threat; a report promised to the reader is
        ("Not your fault the lab lost the film, I'll file a claim with them.", set(), {"threat"}),
        ("I have no intention of involving a solicitor over this.", set(), {"threat"}),
        ("Fix the credits by Friday, otherwise the platform gets a copyright notice from me.", {"threat"}, set()),
        ("Sign today or we part ways.", {"threat"}, set()),
        # "from now on" + request, the count as "the 4th time I am asking", the inverted condition
        ("From now on, please send changes in one list.", {"passive_aggressive"}, set()),
        ("This is the 4th time I am asking for the login.", {"passive_aggressive"}, set()),
        ("Had you checked the proof, you'd have seen the typo.", {"passive_aggressive"}, set()),
        # absolutes: a postposed totaliser, a bare plural, "still", and not inside an obligation or a denial
        ("You rewrote my intro completely.", {"absolute"}, set()),
        ("The site is blocking all visitors from Canada.", {"absolute"}, set()),
        ("The typo is still on every page.", {"absolute"}, set()),
        ("You need to redo all these labels.", {"demand"}, {"absolute"}),
        ("I never promised weekend support.", set(), {"absolute"}),
        ("You never mentioned the second language.", {"absolute"}, set()),
        # a rebuttal of a quoted claim about the writer is not an accusation; a habit of theirs is
        ("You said I 'ignore your calls', but I returned every one.", set(), {"accusation"}),
        ("You lot are constantly moving the launch date.", {"accusation"}, set()),
        # a negated judgement is none; a bare command after a brush-off is a demand
        ("Relax, it's a typo, not a disaster.", set(), {"blame"}),
        ("It's not rocket science. Export the layers and send them.", {"demand"}, set()),
        # the question is the clause that asks; a tag or a sarcastic lead asks nothing
        ("Each time I open the app it freezes, is there a log I could send you?", {"open_question"}, set()),
        ("You didn't test it on Safari, did you?", set(), {"open_question"}),
        ("Honestly, will you ever pay?", set(), {"open_question"}),
        # thanks for work shared is thanks; a re-send under way is a next step; digits with short units are facts
        ("Thanks for sharing the mood board.", {"thanks"}, {"acknowledgement"}),
        ("I'm re-uploading the files now.", {"next_step"}, set()),
        ("The call ran 45 min over.", {"specific_fact"}, set()),
    ],
)
def test_it_reads_the_round_14_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # thanks or good news apart from the stock phrase, or a next step after it: meant
        ("Who knew the reels would do so well? Thank you, this is fantastic.", set(), {"sarcasm"}),
        ("Oh great, the signed copy arrived, I'll book the printer today.", set(), {"sarcasm"}),
        ("Are you kidding? That's wonderful news about the grant!", set(), {"sarcasm"}),
        # ...but thanks that are themselves the barb stay sarcastic
        ("Thanks so much for the 6am call about a comma.", {"sarcasm"}, set()),
        ("Oh great, I'll redo the whole deck tonight then.", {"sarcasm"}, set()),
        # the writer's own lawyer checking, a step declined, an offer with a deadline: no threats
        ("My solicitor looked over the contract and said it's fine.", set(), {"threat"}),
        ("Our lawyer is reviewing the contract now.", set(), {"threat"}),
        ("I'm not considering legal action; let's find a payment plan.", set(), {"threat"}),
        ("Last chance to secure the early-bird rate is Friday.", set(), {"threat"}),
        ("We will be reviewing our options with legal if the files are not delivered.", {"threat"}, set()),
        ("This is the last time I ask nicely for the deposit.", {"threat"}, set()),
        # digs without the stock phrases
        ("Per my note yesterday, the logo is still the old one.", {"passive_aggressive"}, set()),
        ("Not to nag, but the invoice was due last week.", {"passive_aggressive"}, set()),
        ("Resurfacing my email in case it got buried.", {"passive_aggressive"}, set()),
        ("No need to reply to this one either.", {"passive_aggressive"}, set()),
        ("Happy to explain the fee a third time.", {"passive_aggressive", "next_step"}, set()),
        # bare commands after an opener
        ("Going forward, copy me on every invoice.", {"demand", "passive_aggressive"}, set()),
        ("Look, just get me the logo files today.", {"demand"}, set()),
        # an invoice named at the start of a sentence is no command
        ("Invoice 2041 for £300 was due on 3 May.", {"specific_fact"}, {"demand"}),
        # competence judged, lying called out, a total wrong conceded
        ("Your 'lead' developer doesn't know what a database index is.", {"blame"}, set()),
        ("Stop lying about the delivery date.", {"accusation"}, set()),
        ("I was completely wrong about the dimensions.", {"over_apology"}, set()),
        # universals: an obligation that should not be needed, idioms and praise are not absolutes
        ("I shouldn't have to chase this every month.", {"absolute"}, set()),
        ("No one ever said a rebrand would be easy, and I've loved it.", set(), {"absolute"}),
        ("You've always paid within terms, so this surprised me.", set(), {"absolute"}),
        ("One more delay and every agency in town will hear about it.", {"threat"}, {"absolute"}),
        # facts: splits, short dates, counts of counts, plural parts
        ("Could we split it 50/50?", {"specific_fact"}, set()),
        ("Two of the 5 pages still fail, see sheets 12 and 13.", {"specific_fact"}, set()),
    ],
)
def test_it_reads_the_round_15_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a question after blame, an insult or sarcasm is rhetorical; after a plain complaint it asks
        ("This is absurd, how can a logo take a month?", {"blame"}, {"open_question"}),
        ("You never sent the PO, how do I invoice you?", {"open_question"}, set()),
        ("How am I supposed to finish without the copy?", set(), {"open_question"}),
        # dialect insults and swearing
        ("You're some eejit.", {"blame", "profanity"}, set()),
        ("Are you actually thick?", {"blame", "profanity"}, set()),
        ("The feckin van broke down.", {"profanity"}, set()),
        ("A thick coat of varnish goes on Friday.", set(), {"blame", "profanity"}),
        # what the writer received is the reader's work
        ("The file I got back is a complete mess.", {"blame", "absolute"}, set()),
        ("No offence, but the icons look like clip art.", {"blame", "passive_aggressive"}, set()),
        # digs without the stock phrases
        ("Per my last voice note, the van needs the side gate.", {"passive_aggressive"}, set()),
        ("Per my email of 3 May, the fee is fixed.", {"passive_aggressive"}, set()),
        ("I can't believe I have to explain this again.", {"passive_aggressive"}, set()),
        ("I've put the deadline in bold, so it's harder to miss.", {"passive_aggressive"}, set()),
        ("Not sure my last two emails reached you.", {"passive_aggressive"}, set()),
        # bare commands after a greeting or "Also,"; "use your own" after a brush-off
        ("Hi Sam, send the contract today.", {"demand"}, set()),
        ("Also, stop texting me after 9pm.", {"demand"}, set()),
        ("Whatever. Use your own template then.", {"demand", "dismissive"}, set()),
        # places and third parties' deadlines are no threats; a question about a deadline is none
        ("The party is on the tennis court behind the hall.", set(), {"threat"}),
        ("Is Monday the last chance to add names?", {"open_question"}, {"threat"}),
        ("Our solicitors are reviewing the licence wording.", set(), {"threat"}),
        # meant: relief and praise after a stock opener
        ("Oh great, the venue said yes, that's a weight off.", set(), {"sarcasm"}),
        ("Oh, I'm certain you checked every figure.", {"sarcasm"}, set()),
        # acknowledgement in other words
        ("Your point about the fonts is fair.", {"acknowledgement"}, set()),
        ("That's hard to hear, and I want to fix it.", {"acknowledgement"}, set()),
        # abbreviations without vowels are not shouting
        ("The SSHRC deadline is in March.", set(), {"shouting"}),
        # facts: a range, a currency code against the figure, a count with an adjective
        ("The page count went from 224 to 256.", {"specific_fact"}, set()),
        ("You want a rebrand for KES 30,000?", {"specific_fact"}, set()),
        ("I found 14 broken links.", {"specific_fact"}, set()),
    ],
)
def test_it_reads_the_round_16_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # an accusation next to an insult or an ironic opener
        ("You absolute numpty, you've sent it to the wrong address.", {"accusation", "blame"}, set()),
        ("Oh lovely, you've booked the wrong date.", {"accusation", "sarcasm"}, set()),
        ("You're a clown for cancelling on the day.", {"accusation", "blame"}, set()),
        ("What were you thinking, sending the raw files?", {"accusation"}, set()),
        ("You told me it was done, then went quiet for a week.", {"accusation"}, set()),
        # the writer taking it on is no brush-off; "I really don't care" is one
        ("I'll deal with it first thing tomorrow.", {"next_step"}, {"dismissive"}),
        ("I really don't care what the last designer charged.", {"dismissive"}, set()),
        ("Are you having a laugh? Forty quid for a lock?", {"sarcasm"}, {"open_question"}),
        # scare quotes on a euphemism after "Calling ...", but a quoted criticism is a quotation
        ("Calling a 30% rise 'normal' is a stretch.", {"sarcasm"}, set()),
        ("Calling the edit 'unwatchable' after approving it is unfair.", set(), {"sarcasm"}),
        ("Fine. If you say so, the deadline is 'flexible'.", {"sarcasm", "dismissive"}, set()),
        # paraphrased digs
        ("Anyone who has hired a photographer before would know that.", {"passive_aggressive"}, set()),
        ("Not that chasing invoices is my favourite hobby, but here we are again.", {"passive_aggressive"}, set()),
        ("Resending the file, since the first one apparently vanished.", {"passive_aggressive"}, set()),
        ("Happy to explain the licence one more time.", {"passive_aggressive", "next_step"}, set()),
        ("I know I keep apologising, but sorry for the delay.", {"over_apology"}, set()),
        # help for the reader's lawyer, a step declined, a platform's process: no threats
        ("Happy to write it up for your solicitor.", set(), {"threat"}),
        ("I'm not going to post a bad review, I just want the roof fixed.", set(), {"threat"}),
        ("If the logo stays up, we will meet in court.", {"threat"}, {"next_step"}),
        # meant: praise after a stock phrase; barbed stays sarcastic
        ("Oh great, Monday at 9 works perfectly for me.", set(), {"sarcasm"}),
        # facts: times, codes, currencies, counts of two-word things, ordinals with a noun
        ("The render stutters at 1:42.", {"specific_fact"}, set()),
        ("The gate code is 5590.", {"specific_fact"}, set()),
        ("Our rate is AED 400 per hour.", {"specific_fact"}, set()),
        ("I've sent 3 colour options.", {"specific_fact"}, set()),
        ("It is the 4th day without a reply.", {"specific_fact"}, set()),
    ],
)
def test_it_reads_the_round_17_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # polite-sounding reminders that are digs
        ("May I remind you that the deposit is non-refundable.", {"passive_aggressive"}, set()),
        ("In case you missed my previous email, the proofs are attached.", {"passive_aggressive"}, set()),
        ("As I mentioned in my last two emails, the fee is fixed.", {"passive_aggressive"}, set()),
        # bare commands after a brush-off; "you just have to"
        ("Fine. Ship it and see.", {"demand", "dismissive"}, set()),
        ("It's not rocket science. Centre the logo.", {"demand", "dismissive"}, set()),
        ("You just have to export it at 300 dpi.", {"demand"}, set()),
        # habits in the simple present; the hedged accusation
        ("You guys always change the spec after sign-off.", {"accusation", "absolute"}, set()),
        ("You might have missed the attachment.", {"accusation", "hedge"}, set()),
        # competence judged by comparison; a review announced
        ("Honestly, this was too complicated for you.", {"blame"}, set()),
        ("My niece could have done this faster.", {"blame"}, set()),
        ("A review on Google is coming that explains why.", {"threat"}, set()),
        # plain mentions: a lawyer reading the NDA, a chance to comment, a pity about court is a threat only
        ("Our lawyer will review the NDA on Monday.", set(), {"threat"}),
        ("Last chance to weigh in on the colours before Friday.", set(), {"threat"}),
        # the writer's own: "so sorry" is an apology, "we messed up", "a rookie move on my part", an expletive
        ("I take full responsibility for it. So sorry.", {"over_apology"}, {"sarcasm"}),
        ("We messed up the booking, I'm sorry.", {"over_apology"}, set()),
        ("Total rookie move on my part.", set(), {"blame"}),
        ("Shit, the upload failed, I'm sending it again now.", {"profanity"}, {"blame"}),
        ("The sketches are not rubbish at all.", set(), {"profanity"}),
        # a totaliser written as a percentage
        ("The subtitles are 100% wrong.", {"absolute"}, set()),
        # praise apart from the stock phrase means it
        ("Who knew the migration would be this clean? Nice work, team.", set(), {"sarcasm"}),
        # acknowledgement in other words
        ("You were right about the fonts.", {"acknowledgement"}, set()),
        ("Sorry again for the mix-up.", {"acknowledgement"}, set()),
        # facts: ranges of lines, office hours, reference numbers, amounts with the symbol after
        ("Please re-record lines 40 to 55.", {"specific_fact"}, set()),
        ("We work 9 to 5 Eastern.", {"specific_fact"}, set()),
        ("The invoice number is 2291.", {"specific_fact"}, set()),
        ("The budget was 5.000 € from the start.", {"specific_fact"}, set()),
    ],
)
def test_it_reads_the_round_18_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a stock phrase followed by a good consequence means it; thanks for prompt payment is thanks
        ("How convenient, the hall is next door, so parking will be easy!", set(), {"sarcasm"}),
        ("Thank you for paying so promptly, it really helps.", {"thanks"}, {"sarcasm"}),
        ("Thanks for replying so promptly, three weeks after the deadline.", {"sarcasm"}, set()),
        ("Do you have a price for the frames, or is that a separate job?", {"open_question"}, {"sarcasm"}),
        # threats: an expected review, the whole town hearing, a chargeback already opened; a question
        # about a court's format is none, asking whether to go to court is one
        ("Expect a bad review on every forum.", {"threat"}, set()),
        ("The whole town will hear about this.", {"threat"}, set()),
        ("I've already opened a chargeback with my bank.", {"threat"}, set()),
        ("What format does the court need for the copies?", {"open_question"}, {"threat"}),
        ("Will you pay, or should I take this to small claims?", {"threat"}, set()),
        ("You went to PayPal and filed a chargeback for approved work.", set(), {"threat"}),
        ("Friday is the last chance to lodge the appeal.", set(), {"threat"}),
        # commands after a brush-off; a guess is no command
        ("Check properly before complaining.", {"demand"}, set()),
        ("Who cares what it's called? Just make it bigger.", {"demand", "dismissive"}, set()),
        ("You must have received the circular by now.", set(), {"demand"}),
        # digs and insults
        ("Just in case you didn't see my last email, here it is again.", {"passive_aggressive"}, set()),
        ("Lying cheat. You kept the deposit.", {"blame"}, set()),
        ("You're a swindler, Mr Grant.", {"blame", "profanity"}, set()),
        # self-deprecation about gadgets is no over-apology; a condition is no next step
        ("I'm hopeless with the computer, could you ring me?", set(), {"over_apology"}),
        ("I need the photos before I can lay out the catalogue.", set(), {"next_step"}),
        ("Sorry, I forgot the receipts, sending them now.", {"next_step"}, set()),
        # absolutes: fed up utterly, a total disgrace, heard nothing
        ("I am utterly fed up with chasing this.", {"absolute"}, set()),
        ("Then I heard nothing for a week.", {"absolute"}, set()),
        # agreeing with a third party is no acknowledgement; shouted thanks are thanks
        ("I agree with my accountant: the code is a mess.", set(), {"acknowledgement"}),
        ("We hit 10k preorders, THANK YOU!!", {"thanks", "shouting"}, set()),
        ("Thanking you in anticipation.", {"thanks"}, set()),
        ("Just to confirm, the booking is for two photographers?", {"open_question"}, set()),
    ],
)
def test_it_reads_the_round_19_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # a coincidence pointed out; scare quotes after "in" on a word people put in them
        ("Funny, the payment arrived the same day I mentioned a lawyer.", {"sarcasm"}, set()),
        ("You keep sneaking in 'quick fixes' that take a day.", {"sarcasm"}, set()),
        ("The 'approved' logo still has the typo.", {"sarcasm"}, set()),
        ("The notes came in late again. Impeccable timing.", {"sarcasm"}, set()),
        # praise with "zero" is praise; "with zero" after ironic praise is the barb
        ("Great job on the report, the auditors had zero questions.", set(), {"sarcasm"}),
        # a good consequence with a hyphenated word, pleasure for the reader, gratitude to them
        ("How convenient, the hotel is next door, so check-in will be easy.", set(), {"sarcasm"}),
        ("Who knew a tiny reel could do so well? Really pleased for you.", set(), {"sarcasm"}),
        ("Who knew a second-hand lens could be this sharp? I appreciate you finding it.", set(), {"sarcasm"}),
    ],
)
def test_it_reads_the_round_20_lessons_in_general_terms(text, expected, absent):
    assert_reads(text, expected, absent)
