"""Pattern families for the detectors.

Each family is a set of verbs x objects (a regex over normalised text, see
``text.normalise``) with the words that must appear in the turn before it is
even tried (``triggers``, for speed) and a sentence a user can read (``why``).
Families are grouped by the event kind they emit. Written against the
etiquette of an informational interview, in the project's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from coffeechat.scoring.anchors import Anchors, analyse
from coffeechat.scoring.events import EventKind
from coffeechat.scoring.text import Sentence

Check = Callable[[re.Match[str], Sentence], bool]


def alt(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True, slots=True)
class Family:
    """One pattern (a single alternative of a family) and what it means."""

    kind: EventKind
    name: str
    pattern: re.Pattern[str]
    why: str
    anchors: Anchors
    """Words a sentence needs before the regex is tried (see ``scoring.anchors``)."""
    negatable: bool = True
    question_only: bool = False
    check: Check | None = None
    """A last look at a match that a regex cannot express (e.g. capitalised names)."""
    unprompted_only: bool = False
    """Only counts when the persona has not just asked about the seeker."""


# A free word slot in a pattern never swallows a negation ("I am not desperate").
_SLOT = r"(?:(?!(?:not|never|no|nobody)\b)\w+ )"


@dataclass(frozen=True, slots=True)
class Spec:
    """A pattern before compiling: module import only builds these (cheap strings)."""

    kind: EventKind
    name: str
    pattern: str | tuple[str, ...]
    why: str
    negatable: bool
    question_only: bool
    check: Check | None
    unprompted_only: bool


def fam(kind: EventKind, name: str, pattern: str | tuple[str, ...], why: str, *,
        negatable: bool = True, question_only: bool = False,
        check: Check | None = None, unprompted_only: bool = False) -> list[Spec]:
    """A family of patterns, compiled later by ``compile_specs``."""
    return [Spec(kind, name, pattern, why, negatable, question_only, check, unprompted_only)]


def _compile(spec: Spec) -> list[Family]:
    """One ``Family`` per alternative of the spec, each with its own anchors."""
    kind, name, why = spec.kind, spec.name, spec.why
    negatable, question_only = spec.negatable, spec.question_only
    check, unprompted_only = spec.check, spec.unprompted_only
    parts = (spec.pattern,) if isinstance(spec.pattern, str) else spec.pattern
    out = []
    for i, part in enumerate(parts):
        part = part.replace(r"(?:\w+ )", _SLOT)
        # Patterns run on ``Sentence.scan``, where every word starts after a space: a
        # leading space instead of \b lets the regex engine skip straight to word starts.
        if part.startswith(r"\b"):
            part = " " + part[2:]
        # MULTILINE: ^ and $ also work on a whole turn whose sentences sit on separate lines.
        out.append(Family(kind, f"{name}/{i}", re.compile(part, re.M), why, analyse(part),
                          negatable,
                          question_only, check, unprompted_only))
    return out


def capitalised(word: str, orig: str) -> bool:
    """Does ``word`` appear with a capital letter in the original sentence (a name)?"""
    if not word or word == "i":
        return False
    return re.search(r"\b" + re.escape(word[0].upper() + word[1:]) + r"\b", orig) is not None


# --- shared slots ---------------------------------------------------------------------

RES = r"(?:resume|resumes|cv|cvs|curriculum vitae|portfolio|portfolios)"
PLACE = alt(
    r"(?:on|in|at|with|into|for|onto|join) (?:your|the|this|that) (?:team|company|firm|group|"
    r"department|org|organi[sz]ation|agency|shop|office|division|unit|studio|lab|practice|"
    r"startup|business|brand|side|place|crew)",
    r"(?:your|the) (?:team|company|firm|group|department|agency|org|organi[sz]ation|studio)",
    r"\bhere\b", r"\bthere\b(?! (?:is|are|be|was|were|any|a|an)\b)", r"with you(?:r)?\b",
    r"for you\b", r"under you\b", r"at yours\b",
)
OPENING = r"(?:openings?|vacanc(?:y|ies)|open (?:roles?|positions?|reqs?|spots?|seats?|jobs?)|" \
          r"(?:roles?|positions?|jobs?|spots?) (?:open|available|opening up)|job postings?|" \
          r"internships?|openings? on)"
FIELD_LOCUS = re.compile(
    r"\b(?:in|across|within|throughout) (?:the|this|that|your|our) (?:field|industry|market|"
    r"sector|space|area|profession|region|city|country|world|discipline|line of work)\b|"
    r"\b(?:these days|nowadays|in general|generally|typically|usually|right now in|"
    r"for (?:new grads|career changers|people|someone|beginners|juniors|newcomers) (?:in|like)|"
    r"job market|industry-wide|across companies|out there|in (?:marketing|finance|tech|design|"
    r"consulting|healthcare|ux|product|sales|data|engineering|brand management)\b)"
)

# --- job_request ----------------------------------------------------------------------

_THEIR_PLACE = re.compile(r"\b(?:you|your|here|yours)\b")


def _not_field(m: re.Match[str], s: Sentence) -> bool:
    """'Are there many openings in the field these days?' asks about the market."""
    if FIELD_LOCUS.search(s.norm) and not _THEIR_PLACE.search(s.scan[m.start():]):
        return False
    return True


_HIRING_WHO = re.compile(r"^(?:you|you all|y'?all|they|anyone\b.*|your \w+|the (?:team|company|"
                         r"firm|group))$")


def _named_or_you(m: re.Match[str], s: Sentence) -> bool:
    """The subject of 'is X hiring' must be them, their team, or a named company."""
    who = m.groupdict().get("who")
    if who is None or _HIRING_WHO.match(who):
        return True
    return capitalised(who.split()[0], s.orig)


JOB = [
    fam("job_request", "hiring",
        r"\b(?:are|is|will|would) (?P<who>you|your \w+|the (?:team|company|firm|group)|y'?all|"
        r"you all|they|anyone (?:on|at) your \w+|[a-z]+(?: [a-z&]+)?)(?: guys| folks)? (?:current"
        r"ly "
        r"|still |by any chance |actively |maybe |possibly |ever |likely |going to be |planning "
        r"(?:on|to be) |be |also |even |thinking about )*"
        r"(?:hiring|recruiting|taking on|bringing on|adding (?:people|headcount|staff|anyone)|"
        r"looking (?:for|to hire) (?:new |more |any |junior |entry-level |an? )*(?:people|hires"
        r"|someone|anyone|analysts|candidates|talent|interns|staff|help|associates|designers"
        r"|engineers|marketers|managers))",
        "Asks whether they are hiring: that turns a learning conversation into a job interview.",
        check=_named_or_you),
    fam("job_request", "org-hiring-in-question",
        r"\b(?P<who>[a-z]+) (?:is|are) (?:currently |still |actively |maybe |possibly )?"
        r"(?:hiring|recruiting|taking on|bringing on)\b",
        "Asks whether they are hiring: that turns a learning conversation into a job interview.",
        question_only=True, check=_named_or_you),
    fam("job_request", "hiring-in-question",
        r"\b(?:you|your \w+|the (?:team|company|firm|group)|y'?all|you guys|you all|they) (?:guys "
        r"|all |folks )?(?:are|is|will be|might be|would be|were) (?:currently |still |actively )?"
        r"(?:hiring|recruiting|taking on|bringing on)\b",
        "Asks whether they are hiring: that turns a learning conversation into a job interview.",
        question_only=True),
    fam("job_request", "fit-question",
        r"\b(?:would|do you think|will|am|could) i (?:\w+ )?(?:be )?(?:a |the )?(?:good |great |r"
        r"ight |"
        r"strong |possible )?(?:fit|match|candidate) (?:for|on|at|with) (?:your|the (?:team|role|"
        r"opening|position|job|company)|this role|that role|this position|that position|you)\b",
        "Asks whether they would be a fit for the team: that is asking to be considered.",
        question_only=True),
    fam("job_request", "hired-at-org",
        r"\b(?:get|getting|be|being|land|landing|score|secure) (?:hired|a job|a role|an offer|an "
        r"interview|in) at (?P<org>[a-z][\w&'-]*)",
        "Asks how they could get hired at the persona's company: that is a job request.",
        check=lambda m, s: capitalised(m.group("org"), s.orig) and (
            re.search(r"\b(?:i|me|my|someone like me)\b", s.scan[:m.start()]) is not None)),
    fam("job_request", "who-is-hiring",
        r"\b(?:know|know of|heard of|aware of|think of|recommend) (?:anyone|someone|any (?:compan"
        r"ies|"
        r"teams|places|firms|groups|managers)|a (?:company|team|place|firm|manager)) (?:who|that) "
        r"(?:is|are|might be|could be|would be) (?:hiring|recruiting|looking to hire)",
        "Asks who is hiring: that is asking them to find you a job."),
    fam("job_request", "have-openings",
        r"\b(?:do|does|would|will|did) (?:you|your \w+|the (?:team|company|firm|group)|they) "
        r"(?:\w+ )?(?:have|know of|expect|see|anticipate|foresee|think there will be) "
        r"(?:any |an? )?(?:\w+ )?(?:" + OPENING + r"|room for (?:me|someone like me|one more)|"
        r"(?:a |any )?(?:job|role|position|spot|place|work) for me)",
        "Asks about openings they have: the chat was agreed as learning, not recruiting.",
        check=_not_field),
    fam("job_request", "are-there-openings",
        r"\b(?:are there|is there|will there be|might there be|would there be|any chance of)"
        r" (?:any |an? )?(?:\w+ )?(?:\w+ )?" + OPENING,
        "Asks about current or coming openings, which reads as asking for a job.",
        check=_not_field),
    fam("job_request", "opportunity-for-me",
        r"\b(?:an? |any )?(?:opportunit(?:y|ies)|room|spot|place|position|role|job|opening)s? "
        r"(?:for (?:me|someone like me|a person like me)|for me (?:on|at|in|with) )",
        "Asks whether there is a place for them: an informational chat is not an application."),
    fam("job_request", "opportunity-at-place",
        r"\b(?:any|some|an|the|other|new|open) (?:opportunit(?:y|ies)|openings?|positions?|roles?)"
        r" (?:available |open |\w+ (?:should|could|might|can) (?:\w+ ){0,4})?" + PLACE,
        "Asks about opportunities on their own team: that is asking about openings.",
        check=_not_field),
    fam("job_request", "keep-in-mind", (
            r"\bkeep me in mind\b", r"\bhave me in mind\b", r"\b(?:think|thought) of me\b",
            r"\bif (?:you|your (?:team|group|company|department)) (?:\w+ )?(?:ever |should |happen "
            r"to )?(?:need|needs|are looking for|is looking for|could use|want) (?:someone|an ext"
            r"ra|"
            r"another|a hand|help|people|a (?:junior|new|part-time))",
            r"\bkeep me (?:on|in) (?:your|the) (?:radar|loop|list|books|pipeline|shortlist)\b",
            r"\bput me on (?:your|the) (?:radar|list|shortlist)\b",
            r"\bremember me (?:if|when|for)\b",
            r"\b(?:room|space|a spot|a place) (?:on your \w+ )?for (?:another|one more|an extra) "
            r"(?:pair of hands|person|hire|body|junior|member|analyst|designer|apprentice)",
            r"\b(?:anything|something|any (?:jobs?|roles?|positions?|work)) (?:going|available|"
            r"coming up) (?:at|on|in|with) (?:your|the) (?:company|team|firm|place|studio|org|"
            r"department|practice|shop)\b",
            r"\bkeep my (?:name|resume|cv|details|info|application) (?:on file|in mind|handy|"
            r"around|on hand)\b",
            r"\b(?:if|when|should|once|whenever|in case) (?:an? (?:\w+ ){1,3}(?:role|position|spot|"
            r"job|opening|seat|place|req)|anything|something|a (?:role|position|"
            r"spot|job|opening|vacancy|seat|place|req)|any (?:roles?|positions?|openings?|jobs?)|"
            r"an? (?:\w+ )?(?:role|position|opening|job|spot)) (?:ever |did |does |should |"
            r"happens? "
            r"to |happened to )?(?:opens?|open|opening|comes? "
            r"up|coming up|becomes? (?:available|open|free)|pops? up|frees? up|turns? up|shows? u"
            r"p|came (?:up|open|available)|opened(?: up)?"
            r"|gets? posted|is posted)",
            r"\bif you (?:ever )?(?:hear|know) of (?:any |an? )?(?:openings?|roles?|positions?|jo"
            r"bs?"
            r"|vacanc(?:y|ies)|anything (?:open|opening))",
            r"\blet me know (?:about|of) (?:any )?(?:openings?|roles?|positions?|jobs?|vacancies)",
        ),
        "Asks to be remembered for openings: a polite job request is still a job request."),
    fam("job_request", "takes-people", (
            r"\b(?:your|the) (?:company|team|firm|department|office|studio) (?:takes|is taking|"
            r"would take|will take|could take) (?:on )?(?:new|more|any) (?:people|staff|hires|"
            r"employees|graduates|juniors)\b",
            r"\bany (?:\w+ )?(?:openings?|vacanc(?:y|ies)|positions?|roles?|spots?|shifts?|jobs?) "
            r"(?:at all )?(?:on|in|at|with) your\b",
            r"\bso (?:that )?i (?:can|could|might) get (?:in|hired|a job|a foot in|my foot in)\b",
            r"\b(?:manager|person|one|someone|people) who (?:decides?|makes? (?:the )?decisions?|"
            r"is in charge|handles|does) (?:about |on )?(?:the )?hiring\b",
        ),
        "Asks to be taken on, or for a way in: that is a job request.", check=_not_field),
    fam("job_request", "to-the-hirer", (
            r"\b(?:hiring manager|recruiter|hr|person who hires)\b.{0,40}?\b(?:pass|forward|send|"
            r"give|hand) (?:along |on )?my (?:name|resume|cv|details|application)\b",
            r"\b(?:give|send) (?:the |your )?(?:hiring manager|recruiter|hr|team lead|boss|"
            r"director) (?:a )?(?:heads-up|word|nudge|note) about me\b",
            r"\b(?:mention|cite|drop) (?:our conversation|this (?:chat|conversation)|your name|"
            r"you)\b.{0,30}?\bwhen i apply\b",
            r"\b(?:getting|get) (?:onto|on to|into) (?:her|his|their|your) team\b",
            r"\bif there is (?:ever )?(?:a|an) (?:\w+ )?(?:spot|role|opening|position|vacancy|"
            r"place)\b",
            r"\bi (?:will|would|could) (?:happily |gladly )?work (?:for free|unpaid|for nothing) "
            r"(?:at|for|with|on) (?:your|the) (?:team|company|firm|studio|place|practice|shop)\b",
        ),
        "Asks for a way in to whoever hires, or for a spot: that is a job request."),
    fam("job_request", "hire-me", (
            r"\b(?:hire|hiring|employ|employing|interview|interviewing|recruit|onboard) me\b",
            r"\b(?:consider|considering) me (?:for|as)\b",
            r"\bconsider (?:me|my (?:application|resume|cv))\b(?! (?:a|an|the|lucky|naive))",
            r"\bvouch(?:ing)? for me\b",
            r"\b(?:recommend|recommending|refer|referring|put|putting|vouch(?:ing)? for|sponsor|"
            r"nominate) me (?:for|to (?:the |your )?(?:hiring|recruit|hr\b|manager|boss|team lead|"
            r"director|vp|ceo|partners?|head of)|internally|as a candidate"
            r"|forward|up for)",
            r"\bput (?:my name|me) (?:forward|in(?! touch| contact| the loop)|up|in the hat|in the "
            r"running)\b",
            r"\bput (?:in|a) (?:a |an? )?(?:good |kind )?word (?:in )?for me\b",
            r"\bput in a (?:good |kind )?word\b",
            r"\b(?:take|bring|have|get) me (?:on|onto|on board|aboard|in)(?: (?:your|the) (?:team"
            r"|company|firm|group))?(?! (?:a |the )?(?:call|tour|walk))\b",
            r"\b(?:get|help) me (?:an interview|a job|a role|a position|an offer|in the door|a fo"
            r"ot "
            r"in the door|my foot in the door|hired|an internship|a spot|in front of (?:the |your"
            r" )?"
            r"(?:hiring|recruit))",
            r"\bhelp me (?:find|get|land|secure) (?:a|an|some|any) (?:job|role|position|"
            r"internship|work)\b",
            r"\bfast-?track (?:me|my)\b",
            r"\bhelp me (?:get|break) (?:in|into|in at|a job at|hired at|a foot in at) "
            r"(?:your (?:team|company|firm|place|studio|org)|here|there|(?P<org>[a-z][\w&'-]*))",
            r"\b(?:get|getting|have|having) (?:my|a) foot in the door\b.{0,12}?" + PLACE,
        ),
        "Asks to be hired, considered or put forward: that is the one thing this meeting "
        "is not for.", check=lambda m, s: not m.groupdict().get("org") or capitalised(
            m.group("org"), s.orig)),
    fam("job_request", "who-hires", (
            r"\bwho (?:\w+ ){0,3}(?:send|submit|address|direct|give) (?:my|an|the) "
            r"(?:application|resume|cv)s? to\b",
            r"\bwho is (?:the|your) (?:hiring manager|recruiter|person (?:who|that) (?:hires|does "
            r"(?:the )?hiring))\b",
        ),
        "Asks who to send an application to: that is asking how to get hired there.",
        check=_not_field),
    fam("job_request", "pass-name",
        r"\b(?:pass|passing|forward|forwarding|send|sending|give|giving|hand|handing|share|"
        r"sharing|submit|route|walk) (?:along |on |over )?(?:my|me) ?(?:name|resume|cv|"
        r"application|details|info|information|profile|portfolio|contact)? ?(?:along |on |over )?"
        r"(?:to|with) (?:the |your |a |whoever |someone in |anyone in |someone on |)"
        r"(?:hiring|recruit|hr\b|human resources|talent|people (?:team|ops)|boss|manager|"
        r"team lead|department head|decision|person (?:who|that) (?:hires|does (?:the )?hiring|"
        r"makes hiring)|(?:is|does|makes) (?:the )?hiring|hires)",
        "Asks them to pass their name or résumé to whoever hires: that is a job request."),
    fam("job_request", "intro-to-hirer",
        r"\b(?:introduce|introducing|connect|connecting|put|putting|link) me (?:in touch |up )?"
        r"(?:to|with) (?:the |your |a |someone (?:in|on|from) |anyone (?:in|on|from) )?"
        r"(?:hiring manager|recruiter|recruiting|hr\b|human resources|talent (?:team|acquisition)|"
        r"whoever (?:is hiring|hires|does (?:the )?hiring|makes (?:the )?hiring)|"
        r"person (?:who|that) (?:hires|is hiring|does (?:the )?hiring)|people who (?:hire|are "
        r"hiring))",
        "Asks to be introduced to whoever hires: that is a job request, not a referral to learn."),
    fam("job_request", "intro-about-openings", (
            r"\b(?:anyone|someone|somebody|who|a person|people) (?:\w+ )?(?:in|on|from) (?:hr|hum"
            r"an "
            r"resources|recruiting|talent(?: acquisition)?|the hiring (?:team|side))\b",
            r"\b(?:introduce|connect|put|refer) me (?:in touch )?(?:to|with)\b.{0,40}?\babout (?:"
            r"the "
            r"|any |an? )?(?:openings?|roles?|jobs?|positions?|opportunities|vacanc(?:y|ies)|"
            r"internships?|getting (?:hired|in))",
            r"\b(?:talk|speak|reach out) to about (?:getting|landing|an?|the) (?:hired|an intervi"
            r"ew|job|"
            r"role|position|offer|interview)",
        ),
        "Asks to be sent to the people who hire: that is a job request, not a referral to learn."),
    fam("job_request", "how-i-get-hired", (
            r"\b(?:how|what|where) (?:could|can|would|should|do|might|does) (?:i|someone like me|"
            r"a person like me|one like me) (?:\w+ ){0,2}(?:get|getting|be|being|land|landing|sco"
            r"re|"
            r"secure|securing|earn) (?:hired|a "
            r"(?:job|role|position|spot|seat|place|offer)|an? (?:offer|interview|internship)|"
            r"considered|my foot in|on board|onto|into|in)\b.{0,30}?" + PLACE,
            r"\b(?:how|what|where) (?:could|can|would|should|do|might) (?:i|someone like me) "
            r"(?:\w+ )?(?:join|work (?:for|with|on|at)|come (?:on board|aboard|work))\b.{0,20}?"
            + PLACE,
            r"\bwhat would it take (?:for (?:me|someone like me) )?to (?:get hired|join|work|land|"
            r"get (?:in|a job|a role|an offer)|be hired|come on board)\b(?!.{0,30}"
            r"(?:field|industry|this line|a role like yours|a job like yours|somewhere|anywhere))",
            r"\b(?:what are|how are|what would be) my (?:chances|odds|prospects) (?:of|for) "
            r"(?:getting|landing|being|joining|working)",
            r"\b(?:do|would) i (?:have|stand) (?:a |any )?(?:shot|chance)\b",
            r"\b(?:getting|landing|securing|scoring|get|land) (?:an interview|a job|an offer|hire"
            r"d|a "
            r"role|a position|an internship)\b.{0,12}?" + PLACE,
            r"\b(?:i am|i would be) (?:\w+ )?(?:happy|glad|willing|eager|ready|thrilled|open|keen) "
            r"to (?:start|join|work|intern|help out|come on board|pitch in|volunteer)\b.{0,30}?"
            + PLACE,
            r"\b(?:can|could|may|should) i (?:apply|join|work|intern|start) (?:to|for|at|with|on|"
            r"in|under) (?:you|your|the (?:team|company|firm|group|opening|role|position))\b",
            r"\b(?:would|do) you (?:consider|think you (?:could|would|might) (?:hire|use|take))\b",
            r"\bhow (?:do|can|could|would) i get (?:hired|a job|in)\b(?!.{0,60}(?:field|industry|"
            r"this line|like yours|marketing|in general|a company like|somewhere|companies))"
            r"(?:[ .?!,]|$)",
        ),
        "Asks how they themselves could get hired there: that is a job request in disguise."),
    fam("job_request", "want-to-work-there",
        r"\b(?:i would|i would really|i really would|i want to|i wanted to|i hope to|i am hoping"
        r" to|i would (?:love|like|die|be thrilled)|i am dying|i am eager|i am keen) (?:\w+ )?"
        r"(?:to )?(?:join|work (?:for|with|on|at|under|alongside))"
        r" (?:you|your (?:team|company|firm|group|department|agency|org)|(?:the|this) (?:team|"
        r"company|firm) here|here|there)\b",
        "Says they want to join the person's team: in this setting that lands as a job request."),
    fam("job_request", "ask-for-job", (
            r"\b(?:ask|asking|request|requesting) (?:you )?(?:for|about) (?:a |an |any |some )?"
            r"(?:job|jobs|position|role|work|employment|internship|opening|openings|referral "
            r"for a job)\b",
            r"\b(?:do|would|could|might) you (?:have|know of|find) (?:a |an |any |some )?(?:job|"
            r"work|role|position|internship|spot|something|anything) (?:for me|i could)\b",
            r"\b(?:is there|are there) (?:a |any )?(?:place|room|spot|way) (?:for me|i could) "
            r"(?:on|at|in|with|to join|to work)\b",
            r"\b(?:any|a) (?:chance|way|possibility) (?:that )?(?:i|for me to) (?:could |might |can"
            r" )?(?:join|work|get hired|come on board|intern|start|be considered|get in)\b",
            r"\b(?:can|could|may) i (?:work|intern) (?:for|with|under) you\b",
            r"\b(?:can|could|would|will) you (?:please )?(?:\w+ )?give me (?:a|an) (?:job|chance|"
            r"shot|"
            r"role|position|internship|interview)\b",
        ),
        "Asks them for a job: the agreement was information, and this breaks it."),
    fam("job_request", "specific-opening", (
            r"\b(?:the|that|this|your|an?) (?:\w+ ){0,3}(?:role|position|job|opening|req|posting|"
            r"vacancy) (?:that )?(?:you|your (?:team|company|group)|you all|y'?all|the team) "
            r"(?:just )?(?:posted|listed|advertised|put up|are hiring for|have open|opened)\b",
            r"\b(?:the|that|this|your) (?:open|posted|advertised|vacant|listed) (?:\w+ ){0,3}(?:r"
            r"ole|"
            r"position|job|req|spot|opening)\b",
            r"\b(?:posted|listed|advertised|open) (?:\w+ )?(?:role|position|job|opening) "
            r"(?:on|at|in) your\b",
            r"\bi (?:have )?(?:applied|am applying|will apply|submitted an application|put in an "
            r"application) (?:to|for|at) (?:your|the (?:\w+ ){0,3}(?:role|position|opening) (?:on"
            r"|at)"
            r" your)",
        ),
        "Brings up a specific opening on their team: that turns the meeting into an "
        "application."),
]

# --- resume_offer ---------------------------------------------------------------------

RESUME = [
    fam("resume_offer", "offer-resume", (
            r"\bi (?:have )?(?:actually |also |just )?(?:brought|printed|attached|enclosed|"
            r"included|put together|printed out)"
            r" (?:out )?(?:a copy of |copies of |a few copies of )?(?:my|a) " + RES,
            r"(?:^ |\bi (?:have )?)(?:attached|enclosed|included) (?:\w+ ){0,4}(?:my|a) " + RES
            + r"\b",
            r"\bi (?:send|give|leave|email|forward|share|bring) you (?:a copy of )?my " + RES,
            r"\bi (?:have )?(?:actually |also |just )?(?:brought|printed|put together) (?:a "
            r"(?:printed |paper |hard )?copy of )?(?:my|a) (?:\w+ )?" + RES,
            r"\bi (?:have|have got|got) (?:a copy of )?my " + RES + r" (?:here|with me|on me|right "
            r"here|handy|in my bag|if you|on my (?:\w+ )?(?:laptop|phone|ipad|tablet))",
            r"\bgive my " + RES + r" (?:a |an )?(?:quick )?(?:once-over|look|glance|read|skim|"
            r"review|look-over)",
            r"\b(?:can|could|may|should|shall|might) i (?:\w+ )?(?:give|send|leave|email|forward|"
            r"share|show|pass|drop off|hand|get|e-mail|text|slip|walk) (?:you )?(?:over |along )?"
            r"(?:a copy of |copies of )?(?:my|a) " + RES,
            r"\b(?:i (?:will|would|am going to|could|can|am happy to|would be happy to|would love "
            r"to|would like to|am glad to|want to|wanted to|plan to)|(?:more than )?(?:happy|glad|"
            r"keen) to) (?:\w+ )?(?:send|email|e-mail|forward|drop|leave|share|pass|give|show|hand|"
            r"get|shoot|pop|ping|fire|stick|slip) (?:you |over |along )*"
            r"(?:a copy of |copies of )?(?:my|a) " + RES,
            r"\blet me (?:\w+ )?(?:send|give|show|share|leave|email|forward|hand|pass) (?:you )?"
            r"(?:a copy of )?(?:my|a) " + RES,
            r"\bhere is (?:a copy of )?my " + RES,
            r"\bmy " + RES + r",? (?:is attached|just in case|in case you|for you|for your files|"
            r"if you (?:want|would like|need|are interested))",
            r"\b(?:take|have|give) (?:a )?(?:quick )?(?:look|glance|peek|once-over|read) "
            r"(?:at|over|through) my " + RES,
            r"\b(?:look|looking|glance|glancing) (?:at|over|through) my " + RES,
            r"\b(?:review|reviewing|critique|critiquing|go over|going over|read|reading|check|"
            r"checking|look over|proofread|mark up|tear apart|rip apart|edit) my " + RES,
            r"\b(?:feedback|notes|comments|thoughts|opinion|input|eyes) on my " + RES,
            r"\bwhat (?:do|would) you (?:think|say) (?:of|about) my " + RES,
            r"\bi (?:just )?(?:sent|emailed|e-mailed|forwarded|dropped) (?:you )?my " + RES,
            r"\b(?:push|force|foist|press) my " + RES,
            r"\b(?:leave|left|drop|dropped|hand|handed) (?:you )?(?:a |my |a copy of my )(?:[\w-]"
            r"+ ){0,2}"
            + RES + r" (?:with|for) you\b",
            r"\bi (?:have|have got|got|brought) (?:a |my )?(?:[\w-]+ ){0,2}" + RES + r" (?:here|w"
                                                                                     r"ith "
            r"me|on me|right here|handy|in my bag|if (?:you|it|that))",
            RES + r"\b.{0,60}?\b(?:look (?:it )?over|look at it|glance (?:at|over) it|take a look"
                  r"|have "
            r"a look|give it a (?:look|read|glance)|review it|read it|feedback on it|thoughts on "
            r"it|"
            r"what you think of it|tear it apart|mark it up|flick through|flip through|"
            r"leaf through|"
            r"browse through)",
            r"\b(?:pass|forward|send|give|hand|share|circulate|route|walk) (?:along |on |over )?"
            r"(?:a "
            r"copy of )?my " + RES + r" (?:along |on |over |around )?(?:to|with)\b",
        ),
        "Offers or hands over a résumé nobody asked for: keep it in the bag unless they "
        "ask to see it."),
]

# --- pitch ----------------------------------------------------------------------------

PITCH = [
    fam("pitch", "sell", (
            r"\b(?:would|are|might|could) (?:you|your (?:team|company|group|firm)) (?:\w+ )?(?:be"
            r" )?"
            r"(?:interested|open|want|like) (?:in|to) (?:beta[- ]test|pilot|test|trial|try|demo|"
            r"investing|buying|trying|purchasing|a demo|seeing a demo|our|my|partnering|using|"
            r"becoming (?:a|an|our) (?:client|customer|investor|partner|user)|signing up|"
            r"hearing (?:my|our|a) pitch|a (?:free )?(?:trial|consultation)|an investment)",
            r"\b(?:i am|we are|i have been|we have been) (?:currently )?(?:raising|fundraising|"
            r"looking for (?:investors|funding|backers|seed money|angel)|seeking (?:investment|"
            r"investors|funding)|closing (?:a|our) (?:seed|round))",
            r"\b(?:invest|investing|investment|put money) in (?:my|our) (?:startup|company|"
            r"business|idea|fund|app|venture|product|project)",
            r"\b(?:my|our) (?:startup|company|app|product|platform|service|business|agency|"
            r"consultancy|firm|tool|software|solution|offering|course|program)\b.{0,50}?\b(?:can|"
            r"could|would|will|helps|saves|is perfect for|is built for|was built for) (?:\w+ )?"
            r"(?:help |save |serve |grow |fix )?(?:you|your (?:team|company|brand|business|"
            r"department|org))",
            r"\b(?:let me|can i|could i|may i|i would love to|i would like to|i want to|allow me "
            r"to) (?:quickly |just |briefly )?(?:pitch|show|demo|walk you through|tell you about"
            r"|run by you|share) (?:you )?(?:my|our) (?:idea|startup|product|app|deck|pitch|"
            r"business|plan|service|company|platform|offering|proposal)",
            r"\b(?:would|could|might) (?:\w+ ){1,3}be interested in (?:carrying|stocking|buying|"
            r"selling|distributing|listing|trying|licensing|partnering|investing|(?:something|"
            r"anything) like (?:that|this|it)|(?:my|our) (?:services?|products?|offering))",
            r"\b(?:carry|carrying|stock|stocking|list|listing|distribute|distributing) (?:our|my) "
            r"(?:\w+ )?(?:products?|bars?|brand|line|snacks?|drinks?|range|app|service|goods)\b",
            r"\bpitch (?:you|my|our)\b",
            r"\b(?:get|have|sign|land|win|make) (?:you|your (?:company|team|firm|group|org)) (?:o"
            r"n )?"
            r"(?:as )?(?:a|an|our|my) (?:first |early |pilot )?(?:customer|client|user|partner|"
            r"investor|pilot|account)",
            r"\b(?:let me|can i|could i|may i) (?:quickly |just |briefly )?(?:tell|show) you (?:a"
            r"bout )?"
            r"(?:my|our) (?:\w+ )?(?:business|startup|company|app|product|idea|venture|project|"
            r"service|agency)",
            r"\bi (?:also |actually |now |currently )?(?:offer|sell|provide|run|do|own) (?:\w+ ){"
            r"0,2}"
            r"(?:consulting|coaching|freelance|"
            r"insurance|financial planning|marketing services|agency services|services)\b"
            r"(?! (?:at|for) (?:a|my) (?:former|previous|old))",
            r"\b(?:buy|purchase|sign up for|subscribe to|try out|become a client of|hire) (?:my|o"
            r"ur)"
            r" (?:product|service|services|app|platform|course|agency|company|firm)",
            r"\b(?:free|quick|no-obligation|complimentary) (?:trial|demo|consultation|quote|audit|"
            r"review|session|assessment)\b",
            r"\b(?:reasonably|competitively) priced\b|\bmy (?:rates|prices|fees) (?:are|start)\b",
            r"\bif (?:your|you) (?:\w+ ){0,2}(?:ever )?needs? (?:\w+ ){0,4}(?:hit me up|let me "
            r"know|call me|i can help|i am your (?:person|guy|girl))",
            r"\binvest(?:ing)? in (?:my|our) (?:\w+ )?(?:start-up|startup|company|business|idea|"
            r"app|venture|product|project)",
            r"\bspeciali[sz](?:es|e) in (?:people|clients|companies|firms|teams|studios) like "
            r"(?:you|yours)\b",
            r"\b(?:let me|can i|could i|may i) (?:quickly |just |briefly )?(?:tell|show) you "
            r"(?:about )?a (?:\w+ ){0,2}(?:service|startup|business|product|app|agency|platform) "
            r"(?:i am|we are|i have|i) (?:starting|launching|building|running|offer|sell)",
            r"\b(?:life|health|car|home) insurance (?:for you|policy|plan)",
            r"\byour (?:team|company) (?:could|should|would) (?:use|benefit from|try|buy|license)"
            r" (?:my|our)",
            r"\b(?:we|you and i|our (?:companies|teams|firms)) (?:could|should|might) (?:\w+ )?"
            r"(?:work|partner|collaborate|team up|do business) together\b",
        ),
        "Sells something: an informational chat is not the place for a sales pitch."),
    fam("pitch", "self-sell", (
            r"\bi (?:would|will|am|could|know i would|think i would|really think i would|"
            r"honestly think i would) (?:really |honestly |definitely |truly )?(?:be )?(?:a |an "
            r"|the )?(?:really |very |super |truly |such a )?(?:great|perfect|good|strong|ideal|"
            r"excellent|natural|fantastic|amazing|huge|"
            r"real|valuable|incredible|obvious|solid|terrific) (?:fit|asset|addition|hire|match|"
            r"candidate|choice|contributor|team member|employee)",
            r"\bi (?:would|will|could|know i would|think i would|really think i would) (?:really |"
            r"honestly |definitely |truly )?be (?:a|an) (?:asset|addition) (?:to|for)\b",
            r"\bi (?:am|would be|could be) (?:exactly|precisely|just|really) (?:what|who|the "
            r"(?:kind|type|sort) of (?:person|candidate|hire|employee|talent)) (?:\w+ )?"
            r"(?:you|your (?:team|company|group)) (?:need|needs|are looking for|want|should hire)",
            r"\b(?:you|your (?:team|company)) (?:would|will) (?:not |never )?(?:regret|be lucky|"
            r"be glad|benefit from|love) (?:hiring|having|bringing on|working with) me\b",
            r"\bi (?:can|could|would|will) (?:bring|add) (?:a lot of |so much |huge |real |"
            r"tremendous |serious |immediate |a ton of )?(?:value|skills|experience|energy|"
            r"results|impact) to (?:your|the) (?:team|company|firm|group|brand|department)",
            r"\b(?:my|these) skills (?:would|could|will) (?:be|make) (?:a |an )?(?:great|perfect|"
            r"real|huge|big|valuable|excellent) (?:asset|addition|difference|fit|match)",
            r"\bi would (?:absolutely |totally |definitely )?(?:crush|kill|nail|ace) (?:it|this|t"
            r"hat|"
            r"the (?:job|role))\b",
            r"\b(?:any|every|a) (?:team|company|employer) would be lucky to have me\b",
            r"\bmy (?:background|experience|skills?|profile|skill set) (?:is|are) (?:\w+ ){0,2}"
            r"(?:perfect|ideal|exactly right|tailor-made|made) for (?:this|your|the (?:role|job|"
            r"team|work))",
            r"\bi would (?:slot|fit) (?:right |straight )?in\b",
            r"\bno one (?:works|worked) harder than me\b",
        ),
        "Sells themselves (\"I'd be a great fit\"): here the seeker learns, they do not "
        "audition.", check=lambda m, s: not s.asks),
]
BOASTS = fam(
    "pitch", "boast", (
        r"\bi (?:am|was|have been) (?:a|the) (?:proven|top|star|high|rock ?star|natural|born|"
        r"hardest|best|strongest|smartest|number one|#1) (?:\w+ )?(?:performer|achiever|leader|"
        r"worker|closer|seller|salesperson|marketer|talent|analyst|engineer|designer|rep|"
        r"employee|producer)",
        r"\b(?:i am|i would be) (?:a )?(?:rock ?star|ninja|unicorn|superstar|game-changer)\b",
        r"\bi (?:am|was|have been) (?:basically |literally |easily |always |consistently )?"
        r"(?:a|the) (?:top|best|star|number one|strongest|highest) (?:\w+ ){0,2}(?:performer|"
        r"seller|closer|rep|producer|achiever)",
        r"\b(?:to )?(?:blow|toot|blowing|tooting) my own (?:trumpet|horn)\b",
        r"\bnot to brag\b",
        r"\b(?:i )?(?:do not|did not) (?:want|mean) to (?:brag|boast|show off)\b",
        r"\bi am (?:\w+ ){0,2}(?:the best|the top|the strongest|the most talented) (?:\w+ ){0,3}"
        r"(?:in|on|at) (?:my|the|our) (?:cohort|class|team|company|department|office|year|"
        r"school|program|course)\b",
        r"\b(?:be|bring|add) (?:a )?(?:big|great|real|huge|a lot of|so much) value (?:for|to) "
        r"(?:any|your|the) (?:\w+ )?(?:team|company|firm|group|department)\b",
        r"\b(?:bring|add) (?:a lot|so much|loads|tons|plenty) to (?:any|your|the) (?:\w+ )?(?:team|"
        r"company|firm|group|department)\b",
        r"(?:\bi |\bwe |, |\band )(?:also )?won (?:the |a |an )?(?:[\w']+ ){0,5}(?:award|"
        r"prize)\b",
        r"\b(?:hard (?:pushed|pressed)|struggle) to find (?:anyone|someone|somebody) (?:\w+ )?"
        r"(?:more|better)\b.{0,60}?\bthan me\b",
        r"\b(?:comes?|came) (?:really |just |so )?naturally to me\b",
        r"\bi am (?:\w+ ){0,2}the (?:person|one|go-to (?:person|guy|girl)) (?:everyone|everybody|"
        r"people|the whole \w+)(?: \w+){0,3} (?:comes?|turns?|goes|go|relies|rely|calls?) "
        r"(?:to|on)\b",
        r"\bi have (?:a |an )?(?:proven|strong|stellar|impressive|excellent|outstanding) "
        r"track record\b",
        r"\bi (?:consistently|always) (?:exceed|exceeded|beat|beats|crush|crushed|smash)",
    ),
    "Talks themselves up nobody asked about: that sells rather than asks.",
    unprompted_only=True)
PITCH.append(BOASTS)
ACHIEVEMENT = re.compile(
    r"\b(?:i|we|my team) (?:\w+ )?(?:increased|grew|boosted|drove|doubled|tripled|cut|reduced|"
    r"saved|generated|delivered|raised|improved|lifted|won|closed|launched|built|led|scaled|"
    r"brought in|exceeded)\b[^.?!]{0,60}?(?:\d+ ?%|\$ ?\d|\d+(?:\.\d+)? ?(?:million|k\b|"
    r"percent|x\b|billion|times)|(?:record|award|top \d))"
)

# --- information: advice and referral ----------------------------------------------

_NOT_FOR_SEEKER = re.compile(
    r"\b(?:gave|give|given|giving) you\b|\byou (?:got|received|were given|have gotten|heard|"
    r"ever got)\b|\b(?:did|have|were) you (?:ever )?(?:get|receive|gotten|received|given)\b|"
    r"\badvice (?:that )?you (?:got|received|ignored|followed)\b|"
    r"\b(?:menu|pastry|pastries|drink|drinks|coffee here|order|lunch spot|restaurant|dessert)\b"
)


def _for_seeker(m: re.Match[str], s: Sentence) -> bool:
    """Advice asked for the seeker's own steps, not advice they once got or a menu pick."""
    return _NOT_FOR_SEEKER.search(s.norm) is None


_ADVICE_ASK = r"(?:advices?|tips?|pointers?|suggestions?|recommendations?|guidance|words of " \
              r"wisdom|counsel)"
ADVICE = [
    fam("advice_request", "wiser", (
            r"\bwould it be (?:wiser|better|smarter|a mistake|a good idea|worth it|sensible) "
            r"(?:for me )?to\b",
            r"\bif you were (?:in my (?:shoes|boots|position|place|situation)|me|starting (?:out|"
            r"over|from (?:where i am|scratch|zero))|my age|just starting)\b",
            r"\b(?:given|with|considering) my (?:background|experience|situation|skills)\b.{0,60}?"
            r"\b(?:what|how|where|which) (?:would|should|could) (?:you|i)\b",
            r"\b(?:according to you|in your opinion|in your view|from your experience),? (?:is it|"
            r"it is|would it be) (?:better|wiser|best|smarter)\b",
            r"\bwhat (?:\w+ ){0,3}(?:book|books|course|courses|resource|resources|podcast|"
            r"podcasts|certification|certifications) (?:would|do|should|could) you recommend\b",
        ), "Asks what they would advise the seeker to do.", question_only=True),
    fam("advice_request", "advice-words", (
            r"\b(?:any|some|your|what|a piece of|one piece of|one|a few|the best|top) (?:\w+ )?"
            + _ADVICE_ASK + r"\b",
            r"\b(?:advice|tips|pointers|suggestions|recommendations|guidance|counsel|feedback|"
            r"input|thoughts|take|perspective|opinion|read) (?:for (?:me|someone (?:like me|in my|"
            r"starting|trying|who|making|coming|switching)|a (?:career changer|beginner|newcomer|"
            r"new grad|person (?:like me|in my))|people like me)|on (?:my|how i|whether i|what i|"
            r"where i|which i|how to|the best way|breaking|making the|getting started|this plan|"
            r"that plan|the plan)|about (?:my|how i|whether i|what i))",
            r"\b(?:would|could|do|did|can) you (?:\w+ )?(?:recommend|suggest|advise|give|offer|"
            r"share) (?:any |some |a few |your )?(?:advice|tips|pointers|suggestions|guidance|"
            r"recommendations|feedback)\b",
            r"\b(?:what|which|how|where|when) (?:\w+ )?(?:would|do|did|might|could) you "
            r"(?:\w+ )?(?:recommend|suggest|advise|tell|say to)\b(?! (?:i|me) (?:talk|speak|reach|"
            r"connect|contact|meet|chat|get in touch|follow up|look up))",
            r"\b(?:would|do) you (?:\w+ )?(?:recommend|suggest|advise)\b(?! (?:anyone|someone|"
            r"somebody|people|i (?:talk|speak|reach|connect|contact|meet)|talking|speaking|"
            r"reaching|connecting))",
            r"\b(?:what|how|where|which) (?:would|might|do) you (?:do|approach|handle|tackle|start"
            r"|focus on|prioriti[sz]e|change|try)\b.{0,40}(?:if you (?:were|had|could)|in my "
            r"(?:shoes|position|place|situation)|starting (?:out|over|today|now)|today|my age)",
            r"\bif you were (?:me|in my (?:shoes|position|place|situation)|starting (?:out|over)"
            r"|just starting|my age|twenty|twenty-\w+|\d\d|making (?:the|this) (?:switch|"
            r"move|jump)|coming from|in your twenties|new to|switching)",
            r"\bin my (?:shoes|position|place|situation)\b",
            r"\bfor (?:someone|somebody|a person|people) (?:like me|in my (?:position|situation|"
            r"shoes)|with my (?:background|experience|profile))\b",
            r"\bi would (?:really |truly |so |also |very much )?(?:love|like|appreciate|value|"
            r"welcome) (?:\w+ )?(?:your|any) (?:honest )?(?:advice|feedback|guidance|input|"
            r"thoughts|take|read|perspective|recommendations?|opinion|suggestions?) (?:on|about)\b"
            r"(?! (?:your|the (?:industry|field|market)|how you))",
            r"\bi (?:would|will) (?:take|welcome) any (?:advice|tips|pointers|suggestions)\b",
            r"\b(?:any|some|what|which|good|other) (?:\w+ )?(?:books?|resources?|courses?|podcast"
            r"s?|"
            r"newsletters?|blogs?|communities|classes|programs?|certifications?|tools?|websites?|"
            r"reading|conferences?|meetups?)\b.{0,30}?\b(?:recommend|suggest|point me|should i|"
            r"worth (?:my|reading|taking|joining|following))",
        ),
        "Asks for their advice on the seeker's own next steps: the best thing this "
        "meeting can give.", question_only=True, check=_for_seeker),
    fam("advice_request", "should-i", (
            r"\b(?:what|how|where|which|when|who) (?:\w+ ){0,3}(?:should|would you have|do you "
            r"think i should|would you say i should|ought) i\b",
            r"\bshould i\b",
            r"\b(?:do|would) you (?:think|say|feel|reckon|believe) (?:that )?i (?:should|ought|"
            r"need|would need|would have|could|would be (?:better|smart|wise))\b",
            r"\b(?:do|would) you (?:think|say|feel|reckon|believe) (?:that )?my (?:\w+ ){0,3}"
            r"(?:would|could|will|is|might|can) (?:\w+ )?(?:be|transfer|translate|count|help|"
            r"matter|hurt|hold|work|fit)",
            r"\b(?:is it|would it be|was it) (?:worth (?:it )?(?:for me )?(?:to |my )?|worthwhile "
            r"(?:for me )?to |smart (?:for me )?to |wise (?:for me )?to |better (?:for me )?to |"
            r"a good idea (?:for me )?to |a mistake (?:for me )?to |realistic (?:for me )?to )",
            r"\bis it worth (?:\w+ )?(?:getting|doing|taking|learning|pursuing|going|spending|"
            r"applying|starting|waiting|moving|finishing|investing)",
            r"\bwould it (?:make sense|help|hurt|be smart|be wise|be worth it|be better) (?:for me"
            r" |if i )",
            r"\b(?:does|would|do|will|is) my (?:plan|approach|background|experience|strategy|idea|"
            r"timeline|thinking|degree|skills|profile|story|portfolio plan)\b.{0,60}?"
            r"(?:make sense|sound|seem|translate|transfer|hold up|work|stand a chance|count|"
            r"help|matter|look|realistic|enough)",
            r"\bwhat (?:would|do) you (?:think|say|make) (?:about|of) (?:my|this) (?:plan|approach|"
            r"idea|strategy|background|timeline|thinking|options|path)",
            r"\b(?:what is|what would be|what are) (?:the|a|my) (?:best|right|smartest|fastest|"
            r"most realistic|good|sensible) (?:way|path|route|place|first step|next step|"
            r"next steps|move|order|bet|starting point)s? (?:for me |for someone like me )?"
            r"(?:to|for|in|i)",
            r"\b(?:how|what) (?:can|could|do|might|would|should) i (?:\w+ )?(?:improve|prepare|"
            r"position|stand out|strengthen|get better|close the gap|bridge|make (?:myself|my|it)|"
            r"best|build|develop|learn|practice|show|prove|demonstrate|frame|present|fill|make up "
            r"for|overcome|work on|get experience|gain|get (?:a job|into|in|started|there|hired|"
            r"my first)|break|land|find|start|move|transition|switch|pivot)",
            r"\bwhat (?:\w+ )?(?:skills|courses|certifications|certificates|books|resources|"
            r"experience|classes|tools|programs|degrees) (?:should|would you|do you (?:think|"
            r"recommend|suggest)|might) (?:i|recommend|suggest|be worth)",
            r"\bwhere (?:would|should|do) (?:you|i) (?:suggest i |recommend i )?(?:start|begin|"
            r"focus|look)\b",
            r"\b(?:would|could) you (?:help me )?(?:sanity[- ]check|pressure[- ]test|poke holes in|"
            r"react to|weigh in on) my\b",
            r"\b(?:how|what|where) (?:should|would|could|can|do|does) (?:someone|somebody|a person|"
            r"one|a beginner|a career changer|a newcomer|a new grad|people) .{0,50}?\b"
            r"(?:approach|start|prepare|go about|break in|get started|learn|build|focus|position|"
            r"handle|tackle|begin)\b",
            r"\b(?:suit|suits|fit|fits|work for|works for|make sense for) (?:someone|somebody|a "
            r"person|people) (?:who|like|with)\b",
            r"\b(?:wondering|curious|unsure|not sure) (?:what|how|where|whether|which) (?:\w+ ){0"
            r",2}"
            r"to (?:add|do|focus|learn|include|change|study|prioriti[sz]e|cut|highlight|emphasi[s"
            r"z]e|"
            r"start|pick|choose|apply|say|tackle)\b",
            r"\b(?:would|will|do|does|did|could) i (?:\w+ )?(?:need|have to|want to|be better off|"
            r"get away with)\b",
            r"\b(?:do|would) you (?:think|say|feel|reckon|believe) .{0,40}?\b(?:i|me|my|myself)\b",
        ),
        "Asks what they would do in the seeker's place: that is asking for advice.",
        question_only=True, check=_for_seeker),
]

def _named(m: re.Match[str], s: Sentence) -> bool:
    """The person named must be a name (capitalised in the original) or a pronoun."""
    name = m.groupdict().get("name") or m.groupdict().get("name2") or ""
    return name in {"her", "him", "them"} or capitalised(name, s.orig)
_NOT_HIRER = (r"(?!(?: \w+)?(?: \w+)? (?:who|that) (?:is|are|does|do|might be|could) "
              r"(?:hiring|hire))")

REFERRAL = [
    fam("referral_request", "talk-to-name", (
            r"\b(?:should|could|can|may) i (?:also |maybe |perhaps )?(?:talk|speak|reach out|"
            r"connect|meet|chat|get in touch) (?:to|with) (?P<name>[a-z]+)\b",
            r"\bwould it (?:make sense|help|be worth it|be okay|be ok|be useful) (?:for me )?to "
            r"(?:also )?(?:talk|speak|reach out|connect|meet|chat|get in touch) (?:to|with) "
            r"(?P<name2>[a-z]+)\b",
        ),
        "Asks whether to talk to someone they could learn from next.",
        question_only=True, check=_named),
    fam("referral_request", "who-else", (
            r"\b(?:who|whom) (?:else )?(?:\w+ ){0,6}(?:should|could|would|might|ought|can|do you "
            r"(?:think|suggest|recommend)|would you (?:recommend|suggest|point me to)) "
            r"(?:\w+ ){0,5}"
            r"(?:talk|speak|reach out|connect|meet|chat|contact|get in touch|"
            r"follow up|look up|learn from|learning from|talking to|speaking to|speaking with|"
            r"ask|see|sit down|grab coffee|have coffee|network)",
            r"\bwho (?:else )?(?:would|might|could) be (?:good|worth|helpful|useful|great|smart|"
            r"interesting|a good person|the right person|the best person) (?:for me )?(?:to|for "
            r"me to) (?:talk|speak|chat|meet|reach out|contact|connect|ask|learn)",
            r"\bwho (?:else )?(?:in your network|do you know|you know)\b.{0,40}"
            r"(?:talk|speak|learn|reach out|connect|meet|chat|help|useful|worth|advice|insight)",
            r"\b(?:is there|are there|do you know|can you think of|could you (?:recommend|suggest|"
            r"name|point me to)|would you (?:recommend|suggest)|you (?:could|would|might|can) "
            r"(?:recommend|suggest|name)|anyone|someone) (?:\w+ )?"
            r"(?:anyone|someone|somebody|anybody|any (?:other )?(?:people|folks|colleagues|"
            r"contacts|"
            r"one|person|experts?)|a (?:person|colleague|contact|friend|few people|couple of "
            r"people)|other (?:people|folks|colleagues))" + _NOT_HIRER +
            r"(?: else)?\b.{0,60}?\b(?:talk|speak|reach out|connect|meet|chat|contact|learn from|"
            r"worth|helpful|useful|should know|could (?:help|share|tell)|introduce|insight|"
            r"perspective|get in touch|follow up)",
            r"\b(?:introduce|introducing|intro|intro'ing|introing|connect|connecting|put|putting|"
            r"link) me "
            r"(?:in touch |up )?"
            r"(?:to|with) (?!(?:the |your |a )?(?:hiring|recruit|hr\b|human resources|talent|"
            r"whoever (?:is hiring|hires)))(?:someone|anyone|somebody|a (?:colleague|friend|"
            r"person|contact|few|couple|peer|former)|your (?:colleague|friend|contact|network|"
            r"counterpart|peer|former)|people|them|her|him|one of|\w+ (?:in|on|at|from|who)|"
            r"(?:that|the|this) (?:\w+ )?(?:woman|man|person|guy|lady|friend|colleague|one|"
            r"people|folks|contact|former)|an? \w+ (?:who|in|at|from|on)\b)",
            r"\b(?:would|could|might) you (?:\w+ )?(?:be )?(?:willing|open|comfortable|okay|happy|"
            r"able) (?:to )?(?:make an |an )?(?:introduc|connect|put me in touch|share (?:a|their|"
            r"her|his) (?:contact|email|name))",
            r"\b(?:would|do) you mind (?:introducing|connecting|putting me in touch|making an "
            r"introduction|sharing (?:her|his|their) (?:contact|email)|pointing me)",
            r"\b(?:an|any) (?:introduction|intro|introductions|intros|warm intro)\b.{0,30}?"
            r"(?:to|with)\b(?!.{0,15}(?:hiring|recruit|hr\b))",
            r"\bpoint(?:ing)? me (?:to|toward|towards|in the direction of) (?:anyone|someone|peop"
            r"le|a "
            r"(?:person|colleague|contact|few|couple)|others|other people|folks|whoever (?:knows|"
            r"could)|\w+ (?:people|folks|colleagues)|one or two)",
            r"\bi (?:would|will) (?:\w+ )?(?:welcome|appreciate|love|be grateful for|value) (?:an"
            r"|the|"
            r"any|your) (?:\w+ )?(?:introduction|intro|introductions|intros|connection)s?\b"
            r"(?!.{0,15}(?:hiring|recruit|hr\b))",
            r"\b(?:any|other) (?:people|folks|colleagues|contacts|names)(?: you (?:know|think of))?"
            r" (?:you (?:would|might|could) )?(?:recommend|suggest) (?:i |that i )?(?:talk|speak|"
            r"reach|contact|connect|meet)",
            r"\b(?:anyone|someone|people|folks|names) (?:else )?(?:you would|you might|you could|"
            r"you) (?:recommend|suggest|point me to)\b",
            r"\bwho (?:else )?(?:would|do) you (?:recommend|suggest)\b",
            r"\b(?:anyone|someone|anybody|somebody) else (?:\w+ ){0,3}(?:i should|i could|i ought "
            r"to|worth|to) (?:\w+ ){0,2}(?:talk|speak|reach out|connect|meet|chat|contact)",
            r"\b(?:know|know of) (?:some|a|any) (?:colleague|friend|person|contact|people)s? "
            r"(?:\w+ ){0,8}who (?:can|could|might|would) (?:tell|talk|share|explain|help)",
            r"\b(?:is there|do you know|know) (?:a|an|anyone|someone|anybody|"
            r"somebody) (?:\w+ ){0,3}"
            r"in your (?:network|circle|contacts)\b",
            r"\bwho (?:else )?(?:\w+ ){0,4}(?:would|might|could) be worth (?:a (?:\w+ )?"
            r"(?:conversation|chat|call|coffee)|talking|speaking|meeting|contacting|reaching)",
            r"\b(?:names?|contact details|emails?) of (?:one or two|a few|a couple of|some|any) "
            r"(?:\w+ )?(?:people|folks|colleagues|contacts)\b",
            r"\bwho would you (?:call|contact|talk to|reach out to|ask)\b",
            r"\bwho (?:else )?(?:is|are) (?:worth|good to) (?:talking|speaking|reaching)",
            r"\bwho (?:else )?(?:would|might|could|is|should) (?:be )?(?:a |the )?(?:\w+ ){0,3}"
            r"(?:person |people |one |contact )?(?:to|for me to) (?:talk|speak|chat|meet|reach out|"
            r"contact|connect|ask|learn from|call)",
            r"\b(?:do you know|can you think of|would you know|know of) (?:\w+ )?(?:anyone|someone|"
            r"somebody|any (?:other )?(?:\w+ )?(?!recruit)\w+(?:ers|ists|ants|ents|ians|ors|ees|e"
            r"cts|"
            r"people|folks)|other (?:\w+ )?\w+(?:ers|ists|ants|ents|ians|ors|people|folks)|a (?:"
            r"\w+ )?"
            r"(?!recruit)\w+(?:er|ist|ant|ent|ian|or|ect))" + _NOT_HIRER + r" (?:who|that|in|at|on|"
            r"from|with)\b",
        ),
        "Asks who else to talk to: the natural close, and how one chat leads to the next."),
]

# --- thanks and purpose ---------------------------------------------------------------

THANKS_PROMISE = re.compile(
    r"\b(?:i will|i am going to|i plan to|i intend to|i will make sure to|i am going to make sure "
    r"to|i will be sure to|i would like to|let me) (?:\w+ ){0,8}(?:thank you|thank|say thanks)"
    r"\b(?! (?:you )?"
    r"(?:now|today|so much|for (?:your|the|this|meeting|making|taking)))"
)


def _not_promise(m: re.Match[str], s: Sentence) -> bool:
    """'I'll thank you properly in an email' promises thanks; it does not give them."""
    return THANKS_PROMISE.search(s.scan[max(0, m.start() - 70):m.end() + 20]) is None


THANKS = [
    fam("thanks", "thanks", (
            r"\bthank you\b(?![- ](?:note|notes|email|e-mail|card|letter|message|text|gift))",
            r"\bthanks\b(?! to (?:my|the|a|an|his|her|their|our|that|this|him|them|which|it)\b)"
            r"(?![- ](?:note|email|card|letter|message))",
            r"\bthank u\b", r"\bthx\b", r"\bmany thanks\b", r"\bmuch appreciated\b",
            r"^ cheers\b(?! to\b)",
            r"\bi (?:really |truly |so |sincerely |genuinely |do |very much |deeply |greatly |"
            r"honestly |just )*appreciate (?:it|this|that|you|your|the (?:time|chat|conversation|"
            r"meeting|coffee|advice|help|insight|candor|honesty|introduction)|all|everything|"
            r"how)\b",
            r"^ (?:really |truly |so )?appreciate (?:it|this|that|you|your)\b",
            r"\bi (?:really |truly |so )?appreciate (?:very much|so much|a lot)\b",
            r"\b(?:i am|i feel) (?:so |really |very |truly |incredibly |genuinely |deeply )?"
            r"(?:grateful|thankful)\b",
            r"(?<!would be )(?<!would be so )(?<!would be very )(?<!would be really )"
            r"\b(?:grateful|thankful) (?:for|that)\b",
            r"\bcan not thank you enough\b",
            r"\b(?:i wanted|i want|let me|just) (?:to )?say thank\b",
        ),
        "Says thank you.", check=_not_promise),
]

_CAREER = r"(?:move|moving|switch|switching|transition|transitioning|pivot|pivoting|career|" \
          r"field|industry|role|roles|path|paths|job|direction|options|next step|grad school|" \
          r"mba|degree|master|program|whether|if i|between|into|fit|right for me|a change|change|" \
          r"get into|break into|going into|work in|sector|area|space|profession|line of work|" \
          r"specialty|niche|function|side|track|future|makes sense for me|i|me|my|myself|" \
          r"studios?|firms?|compan(?:y|ies)|school|programs?|offers?|options?|academia|" \
          r"industry|agency|agencies|in-house)\b"
PURPOSE = [
    fam("purpose_statement", "exploring",
        r"\bi am (?:currently |really |seriously |actively |now |also |still |just |starting "
        r"to |beginning to |kind of |sort of |a bit )?(?:exploring|considering|weighing|"
        r"contemplating|poking around|looking around|toying with|playing with|mulling|chewing on|"
        r"thinking to|hoping (?:today |here )?to (?:learn|understand|get a (?:sense|feel))|"
        r"kicking around|scoping out|feeling out|thinking (?:about|"
        r"of|through|hard about|seriously about)|looking (?:into|at) (?:a |moving|switching|"
        r"making|going|getting|whether|if|careers?|roles?|options)|researching|investigating|"
        r"trying to (?:decide|figure out|work out|understand|learn|get a (?:sense|feel|handle|"
        r"clearer picture|better sense)|choose|sort out|make sense of|make a decision|gauge|"
        r"see (?:if|whether))|deciding|debating|torn between|hoping to (?:learn|understand|"
        r"figure|get a (?:sense|feel|better sense|clearer picture)|decide|find out|explore|"
        r"test|gauge|work out)|curious (?:whether|if) (?:i|my)|evaluating|at a crossroads|in the "
        r"(?:middle|process) of (?:deciding|figuring|exploring|switching|a career change|"
        r"changing|a transition)|figuring out)\b.{0,80}?" + _CAREER,
        "Says what they hope to learn or decide about their own situation."),
    fam("purpose_statement", "strong-exploring",
        r"\b(?:i am|i am (?:a|an)(?: [\w'-]+,?){1,4}|(?:and|but|so)(?: i am)?|to|just|mostly|"
        r"really|still|currently|now) (?:\w+ )?(?:exploring|considering|weighing|contemplating|"
        r"deciding|debating|torn|choosing|explore|consider|weigh|decide) (?!(?:it|that|this|them|"
        r"those|these|the menu|what to (?:order|eat|drink))\b)(?:\w+ )?[a-z]",
        "Says what they are exploring or deciding about their own path."),
    fam("purpose_statement", "role-and-move",
        r"\bi am (?:a|an) (?:[\w'-]+,? ){1,4}(?:thinking (?:about|of)|looking to|hoping to|trying"
        r" to "
        r"(?:decide|figure out|work out|understand|choose|see|learn)|who wants to|wanting to)\b"
        r".{0,60}?" + _CAREER,
        "Says who they are and the move they are weighing."),
    fam("purpose_statement", "bare-exploring",
        r"(?:^ |, |\band |\bjust |\bmostly |\breally |\bstill |\bto )(?:exploring|explore|weighing|"
        r"weigh|considering|"
        r"figuring out|trying to (?:decide|figure out|work out|understand|see)) (?:whether|if|"
        r"a move|"
        r"moving|switching|my|a career|how i|what i|which)\b",
        "Says what they are exploring about their own path."),
    fam("purpose_statement", "it-is-to",
        r"\b(?:it is|the point is|the idea is|my aim is|i am here) (?:really |mostly |more |just )?"
        r"(?:to|about) (?:figure|figuring|understand|understanding|decide|deciding|see|seeing|work "
        r"out|working out|find out|finding out|learn|learning) (?:out )?(?:if|whether|how|what|"
        r"which)\b.{0,60}?\b(?:i|me|my|myself|fits?)\b",
        "Says what they hope to work out about their own situation."),
    fam("purpose_statement", "hope-to-learn",
        r"\b(?:i|what i) (?:really )?(?:hope|hoped|am hoping|was hoping|want|wanted|would like|"
        r"would love|aim|am aiming|plan|came|reached out) to (?:\w+ )?(?:learn|understand|figure "
        r"out|find out|get a (?:sense|feel|better sense|clearer picture|handle|read)|explore|"
        r"decide|work out|gauge|test|check|know|see|hear) (?:\w+ ){0,3}(?:whether|if|how|what|"
        r"which|where|about)\b.{0,100}?\b(?:i|me|my|myself|someone like me)\b",
        "Says what they hope to learn here, tied to their own situation."),
    fam("purpose_statement", "my-goal", (
            r"\bmy (?:main |big |real |biggest |key |one )?(?:goal|aim|hope|purpose|reason for "
            r"reaching out|objective|question|focus|priority) (?:today |here |right now |for "
            r"(?:today|this|our (?:chat|talk|coffee|conversation|meeting)|this conversation|this "
            r"meeting|the conversation) )?(?:is|was) (?:to|whether|figuring|understanding|deciding"
            r"|learning|exploring|that|how|what|really)",
            r"\bthe (?:main )?reason i (?:reached out|wanted to (?:meet|talk|chat|connect)|asked "
            r"to "
            r"meet|got in touch|emailed)\b.{0,20}?(?:is|was|:) (?:that )?(?:i|to)\b",
            r"\bwhat i (?:want|would like|hope|am hoping|was hoping|would love) to (?:get out of|"
            r"learn from|understand from|take away from|figure out (?:from|in)) (?:this|today|"
            r"our|you|the)",
            r"\bi reached out because i (?:am|want|would like|have been|was|need to decide|hope)",
            r"\bwhat i am (?:\w+ )?(?:trying to (?:get my head around|figure out|work out|"
            r"understand|decide)|wondering about|weighing up) is (?:whether|if|how|what|which)\b",
            r"\bthe (?:big|main|real|key|biggest|central|open) (?:question|decision|thing i am "
            r"trying to (?:figure|work) out) (?:for me |i am facing |i have )?(?:right now |today"
            r" )?"
            r"(?:is|was) (?:whether|if|how|what|which)",
        ),
        "States the purpose of the meeting."),
    fam("purpose_statement", "making-a-move", (
            r"\bi am (?:\w+ )?(?:making|planning|about to make|in the middle of|working toward|"
            r"working towards|preparing for|going through|mid-way through|partway through|"
            r"planning on) (?:a |my )?(?:career )?(?:change|switch|transition|move|pivot)",
            r"\bi (?:want|would like|hope|plan|am planning|intend|am trying|need) to (?:\w+ )?"
            r"(?:move|transition|switch|pivot|break|get|go|change careers|shift|step) (?:\w+ )?"
            r"(?:into|to|over to|toward|towards|out of)\b(?! (?:your|the) (?:team|company|firm)\b)",
            r"\bi am (?:\w+ )?(?:looking|hoping|aiming|trying) to (?:move|transition|switch|pivot|"
            r"break|get|shift) (?:\w+ )?(?:into|to|over to|toward|towards)\b"
            r"(?! (?:your|the) (?:team|company|firm)\b)",
        ),
        "Names the move they are weighing, which frames everything they ask."),
]

# --- stays_professional ---------------------------------------------------------------

OVERSHARE = [
    fam("overshare", "troubles", (
            r"\b(?:my|our) (?:\w+ |(?:dad|mom|mum|father|mother|wife|husband|partner|son|daughter|"
            r"brother|sister)'s )?(?:divorce|separation|breakup|break-up|custody (?:battle|"
            r"fight|"
            r"case)|therapist|therapy|antidepressants|meds|medication|diagnosis|depression|"
            r"anxiety|panic attacks|breakdown|drinking|addiction|rehab|debts?|bankruptcy|eviction|"
            r"landlord|credit card debt|miscarriage|affair)\b",
            r"\b(?:my )?(?:marriage|relationship) (?:is|has been|was) (?:falling apart|over|ending|"
            r"on the rocks|a mess|in trouble|collapsing)",
            r"\bi (?:am|have been|was|just went|went) (?:\w+ )?(?:going through|dealing with|"
            r"struggling with|battling|recovering from|in the middle of|through) (?:a |an |my |"
            r"some )?(?:\w+ )?(?:divorce|separation|breakup|break-up|depression|anxiety|therapy|"
            r"rehab|debt|rough patch|dark place|bad place|dark time|a lot personally|a lot at home|"
            r"grief|mental health|health scare|custody|bankruptcy|crisis|breakdown|burnout and)",
            r"\bi (?:have|had) (?:been )?(?:having )?(?:crying|not been sleeping|not slept|barely "
            r"slept|panic attacks|a (?:\w+ )?(?:nervous )?breakdown|a meltdown|anxiety attacks)",
            r"\bpanic attacks (?:in|at|every|before|on)\b",
            r"\b(?:drowning|buried|up to (?:my|our) (?:eyes|neck|ears)) in (?:debt|bills)\b",
            r"\b(?:credit cards?|cards) (?:are|is) (?:all )?maxed\b",
            r"\b(?:my (?:partner|wife|husband|girlfriend|boyfriend|spouse)(?: and i)?|we) (?:have "
            r"been |are |keep )?(?:fighting|arguing|rowing) (?:constantly|all the time|non-stop|"
            r"every (?:day|night)|a lot)",
            r"\bhome life (?:\w+ )?(?:miserable|hell|a nightmare|falling apart|unbearable)",
            r"\beverything fell apart with my\b",
            r"\b(?:been )?drinking (?:a lot|heavily|too much|every night|again)\b",
            r"\bsince (?:my \w+ died|the (?:breakup|break-up|divorce|funeral|miscarriage))\b",
            r"\b(?:had|have|having) (?:a |another )?(?:panic|anxiety) attack\b",
            r"\b(?:my )?(?:kidneys?|dialysis|chemo|chemotherapy|cancer)\b(?=.{0,60}\b(?:doctor|"
            r"treatment|can not|soon|need)\b)",
            r"\bi (?:still )?cry (?:about it|every|most)\b",
            r"\b(?:wants to|want to) break up\b|\b(?:broke|broken) up with me\b",
            r"\bin trouble with the police\b|\b(?:got )?arrested\b|\bin (?:jail|prison)\b",
            r"\b(?:i was|i have been) drinking too much\b|\b(?:\w+ )?(?:months?|years?) sober\b",
            r"\bmaxed out (?:\w+ )?(?:credit cards?|cards)\b",
            r"\bchronic (?:illness|pain|condition)\b|\bon (?:medical|sick|stress) leave\b",
            r"\b(?:or|otherwise) (?:we|i) (?:will |could |might )?lose (?:the|our|my) (?:apartment|"
            r"house|home|flat|car)\b",
            r"\bi (?:am|feel|have been|was) (?:so |really |just |completely |totally |honestly |"
            r"pretty )*(?:depressed|miserable|hopeless|a (?:complete |total )?(?:mess|wreck)|"
            r"falling apart|drowning|broken inside|suicidal|so lonely|at rock bottom)",
            r"\bmy life is (?:\w+ )?(?:a mess|falling apart|a disaster|hell|a wreck|over|"
            r"miserable|a nightmare)",
            r"\b(?:my )?(?:wife|husband|partner|girlfriend|boyfriend|fiance|fiancee|ex) (?:\w+ )?"
            r"(?:left me|cheated|divorced me|dumped me|walked out|kicked me out|took the kids|"
            r"moved out)",
            r"\bi (?:can not|could not|can barely) (?:\w+ )?(?:pay|afford|cover) (?:my |the )?"
            r"(?:rent|bills|mortgage|groceries|loans)",
            r"\b(?:cry|cried|crying) (?:myself to sleep|every (?:night|day)|in the (?:car|shower)|"
            r"all the time)",
            r"\bi hate my life\b",
            r"\bi (?:am|have been) (?:seeing|in) (?:a )?(?:therapist|therapy|counseling|"
            r"counselling|rehab|psychiatrist|psychologist|counsellor|counselor)",
            r"\bi (?:got|was) (?:\w+ )?(?:evicted|diagnosed with|dumped)",
            r"\bmy (?:marriage|engagement|relationship) (?:ended|fell apart|broke up|is over|"
            r"collapsed)",
            r"\bi am (?:now )?on (?:antidepressants|anti-depressants|medication for|meds for|"
            r"anxiety meds)",
            r"\b(?:barely|hardly) (?:holding (?:it|myself) together|keeping it together|getting "
            r"out of bed|coping)",
        ),
        "Shares private troubles: keep this meeting to your professional life."),
]

_NEG_ADJ = r"(?:idiots?|morons?|jerks?|nightmares?|a joke|jokes|clowns?|a disaster|disasters|" \
           r"toxic|useless|incompetent|clueless|lazy|terrible|awful|horrible|horrendous|" \
           r"the worst|" \
           r"tyrants?|crazy|insane|psychos?|dumb|stupid|pathetic|garbage|trash|hopeless|snakes?|" \
           r"two-faced|sexist|racist|bull(?:y|ies)|corrupt|shady|sketchy|frauds?|worthless|" \
           r"unbearable|impossible to work (?:with|for)|a dumpster fire|a mess|a train wreck|" \
           r"spineless|liars?|backstabbers?|backstabbing|a snake|petty|vindictive|" \
           r"out of (?:his|her|their) depth|a hack|hacks|overrated|sleazy|a creep|creepy|" \
           r"a micromanager|micromanaging|control freaks?|a control freak|dishonest|cheap|" \
           r"cheapskates?|a total|an absolute|clowns|losers?|a loser|dinosaurs?|a dinosaur|" \
           r"washed up|washed-up|has-beens?|a has-been|arrogant|abusive|hostile|a cult|cultish|" \
           r"going under|sinking|run by (?:idiots|clowns|amateurs)|a witch|a bitch|fake|rude|" \
           r"nasty|a nightmare to work (?:with|for))"
PEOPLE = r"(?:boss|bosses|manager|managers|supervisor|coworkers?|co-workers?|colleagues?|" \
         r"team ?lead|ceo|cfo|cto|coo|director|vp|founder|founders|leadership|management|" \
         r"team|company|employer|hr|department|recruiters?|predecessor|teammates?|" \
         r"peers?|partner|partners|clients?|agency|staff|executives|execs|higher-ups|" \
         r"people (?:there|at \w+|in \w+)|old job|last job|current job|former employer|" \
         r"previous employer|last company|old company|current company|workplace|office|" \
         r"head of \w+|instructors|teachers|lecturers|professors|devs|developers|lead|" \
         r"studio lead|charge nurse|nurses|lady|guy|woman|man)"
GOSSIP = [
    fam("gossip", "badmouth", (
            r"\b(?:my|our|the|his|her|their|your|that|this) (?:\w+ )?(?:\w+ )?" + PEOPLE
            + r" (?:who (?:\w+ ){1,5})?(?:there |here |at \w+ |(?:at|in|on|from) "
            r"(?:my|our|the|his|her|their|your) (?:\w+ ){1,2}|"
            r"(?:over )?(?:at|from) (?:that |the )?(?:[\w']+ ){1,3})?"
            r"(?:is|was|are|were|has been|have been|seems|seemed|"
            r"sounds|can be|is just|was just|is kind of|is basically|is honestly|was honestly) "
            r"(?:a |an |such a |so |totally |completely |honestly |really |just |kind of |pretty "
            r"|basically |an absolute |a complete |a total |a real |utterly |frankly |clearly |"
            r"obviously |super |extremely |incredibly |very |all )*" + _NEG_ADJ,
            r"\b(?:he|she|they|him|her|them) (?:is|was|are|were|has been|seems|is just|was just|"
            r"is kind of|is honestly|is basically) (?:a |an |such a |so |totally |completely |"
            r"honestly |really |just |kind of |pretty |basically |an absolute |a complete |a total"
            r" |a real |utterly |frankly )*" + _NEG_ADJ,
            r"\b(?:work|working) (?:for|with|under) (?:a |an |such a )?(?:complete |total |"
            r"absolute )?(?:idiots?|morons?|jerks?|clowns?|tyrants?|psychos?|nightmares?|"
            r"bull(?:y|ies)|snakes?|incompetent|clueless|toxic)",
            r"\bi (?:can not|could not|can no longer) stand (?:my|his|her|their|the|him|her|them|"
            r"that|working)\b",
            r"\b(?:hate|hated|despise|despised|loathe|loathed) (?:my|his|her|their|the|working "
            r"(?:for|with)) (?:\w+ )?(?:boss|manager|coworkers?|co-workers?|colleagues?|company|"
            r"employer|job|team|ceo|supervisor|director|leadership|management|clients?)\b",
            r"\b(?:he|she|they) only got (?:promoted|hired|the job|the role|in) because\b",
            r"\b(?:my|our|the|his|her|their) (?:\w+ )?(?:boss|manager|supervisor|director|lead|"
            r"ceo) (?:never|always) (?:thanked|credited|listened|took credit|blamed)\b",
        ),
        "Speaks badly of someone: badmouthing people makes the listener wonder what you "
        "will say about them.", negatable=True),
    fam("gossip", "rumor",
        r"(?:^ heard|\bi (?:have )?(?:heard|hear)|\brumou?rs? (?:has it|is|are|say)|\b(?:the )?"
        r"word (?:is|on "
        r"the street)|people (?:say|are saying|keep saying)|everyone (?:says|knows|is saying)|"
        r"apparently|supposedly|is it true|between (?:you and me|us)|off the record|"
        r"through the grapevine|(?:someone|somebody|a friend|a mate) (?:told|tells) me|i was told|"
        r"just between us)\b,? (?:that )?.{0,60}?\b(?:got fired|was fired|is getting fired|"
        r"got sacked|was sacked|got the sack|got axed|got pushed out|fired for|sacked for|"
        r"(?:about to|going to|set to) (?:step down|resign|quit|be replaced|be fired|get fired|"
        r"get the boot|be pushed out|be let go|be sacked)|stepping down|fiddling|embezzl|"
        r"massaged|fiddled|faked|inflated|has no (?:idea|clue) what|"
        r"is (?:a bit of |kind of |sort of |something of )a (?:mess|nightmare|disaster|shambles)|"
        r"getting canned|got canned|is leaving|quit|was pushed out|is being pushed out|is on thin "
        r"ice|(?:is|was) having an affair|had an affair|has an affair|is dating|drinks too|"
        r"has a drinking|is "
        r"being investigated|got demoted|was demoted|was let go|is on the way out|on a (?:pip|"
        r"performance (?:plan|improvement plan))|hates (?:her|his|their|the)|can not stand|slept "
        r"with|is a mess|is a nightmare|is toxic|is falling apart|messed up|screwed up|blew up|"
        r"got caught|is incompetent|is clueless|cheated|lied|fudged|cooked the books|is "
        r"struggling|got sued|is in trouble|is burnt out|had a breakdown|was escorted out|"
        r"is getting divorced|on (?:his|her|their|the) way out|(?:is|was) (?:a |an )?(?:idiot|jerk|"
        r"nightmare|disaster|mess))",
        "Passes on gossip about someone: keep the meeting clear of rumours."),
]

_PERSON_NOUNS = frozenset(
    "boss manager ceo colleague director vp partner founder cfo cto coo predecessor coworker "
    "co-worker lead supervisor assistant mentor".split()
)
_GENERIC_WHO = frozenset(
    "a an the people someone somebody they folks most many new typical junior senior entry "
    "those these analysts managers designers engineers pms associates interns grads".split()
)


_NOT_A_NAME = frozenset(
    "it this that one everyone everybody anyone anybody somebody nobody each every our their "
    "my his her its marketing sales design engineering nursing teaching law finance consulting "
    "tech data research product brand retail hospitality".split()
)


def _pay_subject(m: re.Match[str], s: Sentence) -> bool:
    who = m.groupdict().get("who")
    if who is None:
        return True
    if who in {"you", "he", "she", "his", "her"}:
        return True
    more = (m.groupdict().get("more") or "").split()
    if who == "your":
        return bool(more) and more[0] in _PERSON_NOUNS
    if who in _GENERIC_WHO or who in _NOT_A_NAME:
        return False
    # Typed all in lower case ("how much does priya make"), a name has no capital to
    # show: any word left after the generic ones is taken for one.
    return capitalised(who, s.orig) or s.orig == s.orig.lower()


PRY = [
    fam("pry", "pay", (
            r"\b(?:how much|what) (?:does|did|do|is|would|will) (?P<who>\w+)(?P<more>(?: \w+)?"
            r"(?: \w+)?) (?:make|makes|earn|earns|get paid|gets paid|take home|bring in|pull in|"
            r"being paid|paid|pay (?:you|him|her|them)|get offered|got offered)\b(?! of\b)",
            r"\b(?:what is|what was|how much is|how big is|what are|tell me|what does) (?:\w+ is |"
            r"his |her |your |your (?:boss|manager|ceo|colleague|director|vp|team lead|partner|"
            r"founder)(?: is|'s)? )(?:[\w']+ )?(?:salary|pay|paycheck|compensation|bonus|comp|"
            r"package|"
            r"equity|income|raise|stock|options|net worth)\b",
            r"\b(?:salary|pay|paycheck|compensation|bonus|comp|equity) (?:of|for) (?:your|his|her|"
            r"their) (?:boss|manager|ceo|colleague|director|vp|team lead|partner|founder)",
            r"\bwhat (?:is|was) (?P<who>[a-z]+)(?: [a-z]+)?'s (?:\w+ )?(?:salary|pay|bonus|"
            r"compensation|comp|package|equity|income|raise)\b",
            r"\bhow much (?:did|does|do) (?:each of )?(?:the|your) (?:partners|executives|"
            r"directors|"
            r"founders|bosses|managers)(?: \w+){0,3} (?:make|earn|take home|get paid|bring in)\b",
            r"\bwhat (?:salary|pay|bonus|package) (?:your|his|her|their) (?:[\w.]+ ){0,3}"
            r"(?:receives|gets|makes|earns|got|received)\b",
            r"\bwhat (?:kind of |sort of )?(?:package|salary|deal|comp|compensation|offer) did "
            r"(?:he|she|they) (?:negotiate|get|receive|land)\b",
            r"\bwhat (?:bonus|salary|raise|equity|pay) did you (?:personally )?(?:get|receive|make|"
            r"earn|take home)\b",
            r"\bwhat is (?:your|his|her|their) (?:boss|manager|ceo|colleague|director|vp|team lead|"
            r"partner|founder) on\b",
            r"\bhow much (?:did|do|does|will|would) (?:they|you|\w+) (?:pay|offer|give) "
            r"(?P<who>[a-z]+)\b",
            r"\bwhat (?:did|does|do) (?:your (?:\w+ )?)?(?P<who>\w+) (?:get|receive|make|earn|"
            r"negotiate|take home) (?:as |for |in )?(?:a |an |her |his |their )?(?:sign-on |"
            r"signing "
            r"|joining |starting |annual )?(?:bonus|salary|pay|equity|package|comp|compensation|"
            r"raise|offer)\b",
        ),
        "Pries into what a named person earns: that is private.", check=_pay_subject),
    fam("pry", "confidential", (
            r"\b(?:unannounced|secret|confidential|internal|non-public|not public|not yet public|"
            r"under wraps|hush-hush|insider|behind-the-scenes|private|unreleased) (?:\w+ )?"
            r"(?:plans?|projects?|launch(?:es)?|products?|deals?|acquisitions?|mergers?|layoffs|"
            r"numbers|figures|financials|roadmap|strategy|reorg|restructuring|data|details|"
            r"information|info|pipeline|partnerships?|pricing|results|memo|budget)\b",
            r"\b(?:are there|will there be|is there going to be|any) (?:\w+ )?(?:layoffs?|cuts|"
            r"a reorg|reorgs|restructuring|firings|job cuts) (?:coming|planned|soon|next|in the "
            r"works|on the way|happening|ahead)",
            r"\b(?:who|which \w+) (?:is|are) (?:\w+ )?(?:getting|going to (?:get|be)|about to be|"
            r"next to be|on the list to be) (?:\w+ )?(?:fired|laid off|let go|cut|promoted|"
            r"demoted|pushed out|replaced)",
            r"\b(?:what|which) (?:\w+ )?(?:company|companies|brand|brands|startup|startups|"
            r"competitor|business) (?:are you|is your company|is \w+|are they) (?:\w+ )?"
            r"(?:acquiring|buying|about to (?:acquire|buy)|in talks (?:with|to)|merging with|"
            r"looking to (?:acquire|buy))",
            r"\b(?:under|covered by|bound by|behind) (?:an? |the )?(?:nda|non-disclosure)",
            r"\b(?:off the record|between (?:you and me|us)|just between us)\b,? (?:what|who|how|"
            r"is|are|can|could|which|when|tell)",
            r"\b(?:before|ahead of) (?:the )?(?:announcement|earnings|it is announced|it goes "
            r"public|the press release|they announce|(?:they are|it is|they get|it gets) "
            r"(?:announced|public|released|published|out))",
            r"\b(?:has|have|is|are) not (?:yet )?(?:been )?(?:made )?(?:public|announced|released|"
            r"published|shared publicly)",
            r"\b(?:is|are) (?:\w+ ){1,3}(?:about to|going to|set to|planning to|rumou?red to) (?:"
            r"lose|"
            r"sign|close|cut|sell|be (?:sold|acquired|bought)|get (?:sold|acquired|bought|taken)|"
            r"be taken over|merge|shut|lay off|acquire|buy|downsize)\b",
            r"\b(?:tell|show|share with|give) me (?:anything |something )?(?:\w+ )?(?:you are "
            r"not supposed to|you can not (?:share|talk about)|that is not public|confidential)",
            r"\b(?:what|which) (?:are|is) (?:the|your|their) (?:real|actual|internal) (?:numbers|"
            r"revenue|sales figures|margins|metrics|targets) (?:for|this|next|behind)",
            r"\bleak(?:ed)? (?:anything|something|a|the|any)\b",
            r"\b(?:are|is) (?:you|your \w+|you guys|they|the company|\w+) (?:\w+ )?(?:planning|"
            r"considering|preparing for|about to (?:do|make|announce)|going to (?:do|make|"
            r"announce)) (?:any |more |some )?(?:layoffs?|job cuts|cuts|a reorg|redundancies|"
            r"restructuring|an acquisition|a merger)\b",
            r"\b(?:actual|real|exact|internal) (?:budget|price|bid|numbers|figures|margin|fee|"
            r"value)"
            r" (?:on|for|of) (?:that|the|this|your) (?:\w+ ){0,2}(?:contract|deal|bid|tender|"
            r"account|project|client)\b",
            r"\b(?:get|be) (?:sold|acquired|bought(?: out)?|taken over)\b(?=.{0,40}\?)",
            r"\b(?:it is|that is|is|it has) not (?:yet )?(?:official|been announced)\b",
        ),
        "Pries for confidential information: plans, deals and numbers they cannot share."),
    fam("pry", "secrecy", (
            r"\b(?:i will not|i promise (?:not to|i will not)|i would never) (?:repeat|tell|say|"
            r"share|mention|breathe a word|pass)\b(?: (?:it|that|this|anything|a word|anyone|"
            r"anybody|a soul))?(?: to "
            r"(?:anyone|a soul|anybody))?(?:[.!,?]|$)",
            r"\bit (?:stays|will stay|would stay) (?:in this room|between us|with me|here)\b",
            r"\byou can tell me\b(?! (?:more|about|how|what|if|whether|why|when|where|who))",
        ),
        "Promises to keep a secret, which presses them for something they should not share.",
        negatable=False),
]

DESPERATION = [
    fam("desperation", "pleading", (
            r"\bi am (?:\w+ )?desperate\b(?! for (?:a )?(?:coffee|caffeine|a drink|food|lunch|"
            r"a break|sleep|the loo|the bathroom))",
            r"\bdesperate(?:ly)? (?:need|for|to (?:get|find|land))(?! (?:a )?(?:coffee|caffeine|"
            r"a drink|food|lunch|sleep)\b)",
            r"\bi (?:just |really |desperately )?need (?:something|anything)(?: at all)?(?:[.!]|$)",
            r"\bi (?:really,? |badly |desperately |just |seriously |truly |absolutely )*(?:need|"
            r"have to (?:get|find|land)|must (?:get|find|land)) (?:a|this|any|some|the) (?:job|"
            r"role|position|work|break|chance|opportunity|paycheck|income|offer)\b"
            r"(?! (?:that|where|which|in|at|with|like|who|to|for|where|doing)\b)",
            r"\bi need (?:this|a job|work|an offer) (?:so )?(?:badly|now|asap|right now|urgently|"
            r"yesterday|desperately|more than anything)",
            r"\b(?:i am |i am just |please,? i am )?begging(?: you)?\b|\bi beg (?:you|of you)\b",
            r"\bi will (?:do|take|accept) (?:literally )?(?:anything|whatever it takes|any job|any "
            r"role|any position|whatever you have|whatever is open|anything at all)",
            r"\bi (?:will|would|could|can) (?:happily |gladly |even )?work for (?:free|nothing|"
            r"peanuts|minimum wage|half)",
            r"\b(?:you are|you might be|this is) (?:\w+ ){0,2}my (?:last|only|final) (?:hope|"
            r"chance|"
            r"option|shot)",
            r"\bi have (?:no|run out of|nothing) (?:other |more |left in )?(?:options|savings|money"
            r"|choice|hope|runway|ideas|left)\b",
            r"\bi am (?:\w+ )?(?:running out of|almost out of|out of) (?:money|savings|time|"
            r"options|hope|runway|unemployment)",
            r"\b(?:applied|sent|submitted|fired off) (?:\w+ ){0,2}(?:\d+|hundreds of|dozens of|so"
            r" many|a hundred|two hundred|countless|tons of) (?:\w+ )?(?:jobs|applications|resumes"
            r"|roles|companies|positions)\b.{0,60}?(?:nothing|no one|nobody|not (?:one|a single)|"
            r"no (?:response|replies|reply|luck|callbacks?|offers|interviews)|zero|silence|"
            r"rejected|rejections)",
            r"\bnobody (?:will|wants to|is willing to) hire me\b",
            r"\b(?:nobody|no one) (?:else )?(?:will|wants to|is willing to|even) (?:even )?"
            r"(?:reply|respond|answer|get back|write back|call me back)\b",
            r"\bor i (?:genuinely |honestly |really |just )?do not know what i (?:will|would|am "
            r"going to) do\b",
            r"\bneed (?:something|anything) to (?:come through|work out|happen|land|come up)\b",
            r"\b(?:need|take|do) anything at (?:this|that) point\b",
            r"\b(?:someone|somebody|anyone) to (?:just )?give me a (?:chance|shot|break)\b",
            r"\b(?:at|reached) (?:the end of my (?:rope|tether)|my wits' end|breaking point)\b",
            r"\bi am (?:\w+ )?(?:pleading|imploring)(?: with)? you\b|\bi implore you\b",
            r"\bi (?:will|would) (?:happily |gladly |even |literally )?(?:sweep (?:the )?floors|"
            r"make (?:the )?(?:coffee|tea)|clean (?:the )?toilets|do the filing)\b",
            r"\bno one (?:will|wants to|is willing to) (?:hire|give) me\b",
            r"\bplease,? (?:please,? )?(?:i (?:\w+ ){0,2}need|just give me|help me|i am asking|"
            r"i am "
            r"begging)",
            r"\bi (?:really )?(?:can not|could not) afford to (?:wait|be picky|lose|stay|not)",
            r"\bi would (?:do|give) anything (?:for|to)\b",
            r"\bi am (?:completely |totally |flat )?broke\b",
            r"\b(?:it is|this is) (?:life or death|now or never|do or die)",
        ),
        "Sounds desperate or pleading: that puts pressure on someone doing you a favour."),
]

# --- time -----------------------------------------------------------------------------

_AMOUNT = r"(?:\d+|a few|a couple(?: of)?|two|three|four|five|ten|fifteen|" \
          r"(?:twenty|thirty|forty|fifty)" \
          r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|" \
          r"half an|an|one|another|a)"
TIME_SEEKER = [
    fam("time_signal", "mindful", (
            r"\bi (?:know|realize|realise|am aware|understand|see)(?: that)? (?:you are (?:\w+ )?"
            r"busy|your time|you have (?:a )?(?:hard stop|limited time|another|a meeting|to run|"
            r"to go|only)|we (?:only )?have|we are (?:almost|nearly|close|running|near|at|about|"
            r"getting)|time is|we are short|it is (?:almost )?time)",
            r"\b(?:respect|value|protect|mindful of|conscious of|watch|watching|keep an eye on|"
            r"appreciate) (?:your|the|our) (?:time|schedule|clock)\b",
            r"\b(?:keep|be|make) (?:it|this|my questions) (?:\w+ )?(?:brief|short|quick|tight)\b",
            r"\blet you get back to (?:your|the) (?:day|afternoon|morning|evening|work|clinic|"
            r"meeting|office|desk|patients|students|team)\b",
            r"\b(?:take up|take|waste|eat into|use up) (?:too much of |much of |more of |"
            r"any more of )?"
            r"your (?:time|morning|afternoon|day|lunch)\b",
            r"\b(?:respectful|mindful|conscious|protective|careful) (?:of|with) (?:your|the|our) "
            r"(?:time|schedule)\b",
            r"\b(?:do not|will not|did not) (?:want to )?(?:keep|hold) you\b",
            r"\bi will (?:let you go|wrap up|be quick|keep it (?:short|brief))\b",
            r"\b(?:one|a|my) (?:more )?(?:last|final|quick last) (?:question|thing|quick question)"
            r"\b",
            r"\b(?:before|since) (?:you|we) (?:go|run|have to (?:go|run|leave)|wrap|head out|"
            r"leave)\b",
            r"\bwe are (?:almost|nearly|about|running|close to being|getting) (?:out of|at|up on|"
            r"short on|near) time\b",
            r"\b(?:in|with|given) the (?:\w+ )?(?:time|minutes) (?:we have|left|remaining|we "
            r"have left)\b",
            r"\b(?:do you )?(?:still )?have (?:a few|a couple of|five|two|time for|another) "
            r"(?:more )?(?:minutes|mins|questions?)\b",
            r"\bis (?:this|now) still a good time\b",
            r"\b(?:are you|is this) (?:still )?(?:okay|ok|alright|good|fine) (?:for|on) time\b",
            r"\bdo you (?:still )?have (?:time|a minute|a moment)\b",
            r"\b(?:your|the) (?:\d+|thirty|twenty|fifteen) minutes\b",
            r"\b(?:out of|over) time\b",
        ),
        "Shows awareness of the clock.", negatable=False),
]
WRAP_UP = [
    fam("wrap_up", "leaving", (
            r"\b(?:i|we) (?:will |am going to )?(?:have|need|got|have got|gotta|must|will have) "
            r"(?:to )?(?:run|go|head out|head off|jump|leave|get going|wrap up|wrap things up|"
            r"wrap this up|hop off|hop on|take off|get back|dash|scoot|step out|be going|cut this"
            r" short|cut it short|stop|be off|get moving|bounce|bail|duck out|let you go)"
            r"(?=\s*(?:$|[.,!;:-]|soon|shortly|now|in |at |after|by |pretty|very|right|quite|"
            r"myself|and|but|so|though|onto|on to|into|to (?:a|another|my|the|pick|catch|prep)|"
            r"for (?:a|another|"
            r"my)|in a|here|too|before|real|early|a bit|then|unfortunately|i am afraid))",
            r"\b(?:i|we) (?:should|must|had better|better|ought to|will need to|need to|have to|"
            r"are going to have to|am going to have to) (?:probably |start to |start |begin to )?"
            r"(?:wrap (?:up|this up|things up|it up)|start wrapping|get going|head out|let you go|"
            r"call it|be going|stop (?:here|there|soon)|bring this to a close|close (?:out|up|"
            r"this out))",
            r"\b(?:we are|we have|i am|we have got|i have|i have got|we are getting|we are coming)"
            r" (?:\w+ )?(?:almost|nearly|just about|about|running|pretty much|basically|coming "
            r"up|getting close|close|near) (?:out of|at|up on|on|to|short on) (?:the end of "
            r"(?:our |my )?)?time\b",
            r"\b(?:only|just|about|maybe|another|a few|a couple(?: of)?|five|two|three|four|ten|"
            r"\d+) (?:more )?(?:minutes|mins|min)(?: or so)? (?:left|remaining|to go|before i "
            r"(?:have|need|must)|more|until i|till i|before my)\b",
            r"\b(?:time (?:for|to take)|room for|let us do|let us take|i can take|i can do|i have "
            r"time for|there is time for|we have time for|we can do|we can fit) (?:just |maybe )?"
            r"(?:one|a|two|another|one or two) (?:more|last|final|quick|quick last)\b",
            r"\b(?:one|a) (?:more|last|final) (?:question|quick question|one)\?",
            r"\b(?:i have|i have got|there is|i am due at|i am due in) (?:a|another|my next|my|"
            r"an) (?:\w+ )?(?:meeting|call|appointment|flight|train|standup|stand-up|pickup|"
            r"commitment|review|interview|one-on-one|1:1|session) (?:in|at|coming up|starting|"
            r"soon|right after|to get to|i need to|i have to|that starts|shortly)\b",
            r"\bbefore (?:i|we) (?:go|run|head out|wrap up|wrap|let you go|leave|jump|head off|"
            r"take off|dash)\b(?! on\b| further| into| through| back| over| deeper| any further| "
            r"in\b)",
            r"\b(?:let us|shall we|we should|we could|maybe we should) (?:start to |begin to )?"
            r"(?:wrap|close|finish|bring this|call it|land this)",
            r"\b(?:that is|that will have to be|this is) (?:about )?(?:all|the) (?:the )?(?:time"
            r"|all the time) (?:i have|we have|i have got)",
            r"\btime is (?:\w+ )?(?:almost |nearly |pretty much |just about )?(?:up|over|tight|"
            r"short|running out)\b",
            r"\b(?:our|my|the) (?:time|half hour|hour|slot|thirty minutes) (?:is|is just|is "
            r"already) (?:almost|nearly|about|running|pretty much|just about) (?:up|over|out|"
            r"done|gone)",
            r"\bin the (?:last|final) (?:few )?(?:minutes|mins|couple of minutes)\b",
            r"\bi (?:am|will be) (?:going to be )?late for\b",
            r"\b(?:we are|we will be|i am|i will be) (?:\w+ )?(?:out of|over|past|up against) "
            r"(?:time|my time|the time|our time)\b",
            r"\b(?:a|my) hard stop\b",
            # Its own pattern, not an option in the one above: there, Hyperscan's prefilter
            # lost matches after an earlier sentence (tests/scoring/test_prefilter.py).
            r"\b(?:i|we) (?:do|really|actually) (?:have|need) to (?:run|go|head out|head off|"
            r"leave|get going|jump|dash|scoot|be going|wrap up)\b",
            r"\b(?:what is left of|the rest of) (?:our|the|my) time\b",
            r"\bi am (?:being )?(?:pulled|called|dragged) (?:into|away|to) (?:something|a meeting|"
            r"another)",
            r"\b(?:i|we) (?:have|have got|got|have only got|have just got) (?:about |maybe |only |"
            r"just |another )?(?:a few|a "
            r"couple"
            r"(?: of)?|two|three|four|five|ten|\d+) more (?:minutes|mins)\b",
        ),
        "Signals that time is nearly up."),
]
TIME_PERSONA = [
    fam("time_signal", "budget", (
        r"\b(?:i|we) (?:still |only |just |now |really )?(?:have|have got|have still got|got|"
        r"can do|can give you|"
        r"can spare|have set aside|set aside|blocked|have blocked|booked|have booked) (?:\w+ )?"
        r"(?:about |"
        r"around |roughly |maybe |only |just |a good |until )?(?:" + _AMOUNT + r") ?(?:minutes|"
        r"mins|hour|half hour|half-hour)\b|\b(?:the whole|the full|an entire|all) (?:\w+ )?(?:hour|"
        r"half hour|lunch|lunch hour|morning|afternoon)\b",
        r"\b(?:i|we) (?:\w+ )?(?:have|have got|got|am free|are free) until (?:about |around )?"
        r"(?:quarter|half|ten|twenty|\d+|noon|one|two|three|four|five|six|seven|eight|nine|"
        r"eleven|twelve)\b",
        r"\bgives us (?:a |an )?(?:solid |good |full |whole )?(?:half hour|hour|" + _AMOUNT
        + r" minutes)\b",
        r"\b(?:we are|i am) (?:\w+ )?(?:fine|good|okay|ok) (?:for|on) time\b",
        r"\b(?:i|we) (?:can|could) (?:stay|talk|chat|hang around|do) (?:for )?(?:about |around |"
        r"roughly |maybe |up to )?(?:" + _AMOUNT + r") ?(?:minutes|mins|hour|half hour)\b",
        r"\b(?:have|got) a (?:good|full|whole) (?:hour|half hour)\b",
        r"\b(?:cleared|freed up|blocked off|blocked out) (?:my|the) (?:afternoon|morning|calendar|"
        r"diary|schedule)\b",
        r"\b(?:still )?(?:plenty of|lots of|loads of) time\b",
        r"\b(?:halfway|half way|midway) (?:through|into) (?:our|the|my) (?:time|hour|half hour|"
        r"slot|chat)\b",
        ),
        "Mentions how much time there is."),
]

# --- persona asks ---------------------------------------------------------------------

RESUME_REQUEST = [
    fam("resume_request", "ask-resume", (
            r"\b(?:send|email|e-mail|forward|share|pass|drop|shoot|give|bring|get|text|slack|"
            r"mail) (?:\w+ )?(?:me |over |along |it )*(?:your|a copy of your|a link to your|a|the) "
            r"(?:updated |"
            r"latest |current )?" + RES,
            r"\b(?:can|could|may|might) i (?:see|look at|get|have|take a look at|read|grab|peek at"
            r"|glance at|borrow) (?:a copy of )?your " + RES,
            r"\bi would (?:love|like|be happy|be glad|be delighted) to (?:see|look at|take a look "
            r"at|review|read|pass along|forward|share|have) (?:a copy of )?your " + RES,
            r"\bdo you have (?:a |your |an updated )?" + RES + r"\b",
            r"\b(?:happy|glad|willing) to (?:look at|review|pass along|take a look at|look over|"
            r"read|forward|share) your " + RES,
            r"\b(?:feel free|you are welcome|go ahead|please) (?:to )?(?:send|email|forward|share|"
            r"drop|fire|ping|pop|shoot) (?:me |over |along )*(?:your|a) " + RES,
            r"\b(?:bring(?:ing)?|send(?:ing)?|shar(?:e|ing)|show(?:ing)? me|email(?:ing)?) "
            r"(?:me |along |over )?(?:some |a few |your )?(?:work|writing|design|code) samples\b",
            RES + r"\b.{0,60}?\bsend (?:it|that|them) (?:my way|over|to me|along)\b",
            r"\b(?:see|look at|have a look at) (?:some of )?your (?:\w+ )?(?:samples|portfolio)\b",
            r"\byour " + RES + r" (?:would be|might be) (?:helpful|useful|great|good to (?:see|have"
            r"))",
            r"\b(?:if|when) you (?:have|have got|get) (?:a |your |an updated )?" + RES + r"\b.{0,"
                                                                                         r"50}?"
            r"\b(?:send|bring|email|forward|share|show|drop|look|cast an eye|glance|go over|"
            r"review|read)\b",
            r"\b(?:mind|would you mind) (?:sending|sharing|emailing|forwarding) (?:me )?(?:your|a)"
            r" " + RES,
        ),
        "The persona asks to see the résumé, so sending it afterwards is welcome."),
]

SELF_DESC = [
    fam("self_description_request", "about-you", (
            r"\btell me (?:a bit |a little |more |a little bit |some(?:thing)? )?about (?:yourself"
            r"|you\b|your (?:background|story|situation|experience|search|work|career|plans|goals|"
            r"studies|degree|program|job|current|interests|path|role|team|company|startup|idea))",
            r"\b(?:what|how) about you\b",
            r"\btell me (?:\w+ ){0,3}about (?:where|what|how|why) you\b",
            r"\btelling me (?:a bit |a little |more |some(?:thing)? )?about (?:yourself|you\b|"
            r"your)",
            r"\b(?:walk|take|talk) me through (?:what|how) you\b",
            r"\b(?:walk|take|talk) me through your (?:path|background|story|career|journey|"
            r"experience|resume|cv)\b",
            r"\bare you still \w+ing\b",
            r"\byour (?:biggest |main |key |top |real )?(?:strengths|weaknesses|superpowers)\b",
            r"\b(?:what|how) (?:is|are|was|were) (?:your|the) (?:\w+ )?(?:background|story|"
            r"situation|search|job search|plan|plans|experience|current (?:role|job|work)|goals?|"
            r"degree|program|studies|major|timeline|next step|ideal (?:role|job)|deal|"
            r"transition|thinking|interest)",
            r"\bwhat (?:do|did|are|have|were) you (?:\w+ )?(?:do|doing|studying|study|working on|"
            r"looking for|hoping|interested|been up to|been doing|want|trying|currently do|do now|"
            r"do for work|majoring|focusing on|working|hope|think you want|enjoy|like about|"
            r"already know|have in mind)\b",
            r"\b(?:what|which) (?:\w+ )?(?:brings|brought|drew|draws|got|interests|excites|"
            r"appeals to|attracts|pulls|led|leads) you\b",
            r"\bwhy (?:marketing|this field|brand|product|this industry|the switch|the change|us|"
            r"this|that|now|design|finance|consulting|sales|tech|ux|data|engineering|"
            r"do you want|are you|did you|the move|leave)\b",
            r"\bwhere are you (?:in|with|at|on) (?:your|the|this)\b",
            r"\bhow (?:is|has|are) (?:your|the) (?:\w+ )?(?:search|job search|program|mba|degree|"
            r"transition|hunt|classes|studies|course|internship|work|job) (?:\w+ )?(?:going|been)",
            r"\b(?:are|were|have) you (?:\w+ )?(?:looking|applying|interviewing|job hunting|"
            r"working|studying|currently|job-hunting|searching|already|been)\b",
            r"\bwhat (?:kind|sort|type|kinds|sorts|types) of (?:\w+ )?(?:role|roles|job|jobs|work|"
            r"position|team|company|companies|thing|things) (?:are you|do you|would you|interest|"
            r"interests|appeal|excite)\b",
            r"\bhow did you (?:get interested|end up|become interested|hear about|find|come to|"
            r"decide|land|get into)\b",
            r"\b(?:do|did) you (?:have|get) (?:any )?(?:experience|background|exposure) (?:in|with)"
            r"\b",
            r"\bwhat (?:is|was) (?:it )?(?:about|that) (?:\w+ ){0,3}(?:that )?(?:draws|drew|"
            r"interests|attracts|appeals)",
            r"\bwhat (?:would|do) you (?:want|like|hope) to (?:do|get|be|learn)\b",
            r"\bwhat is your (?:story|background|deal|plan|situation|goal|aim|angle|take)\b",
            r"\bwhat have you (?:done|been doing|tried|worked on|learned|built|got)\b",
            r"\bwho (?:are you|is your)\b",
            r"\b(?:where|what|how) (?:would |do |might )?you (?:would |might )?(?:want|like|hope|"
            r"plan|intend) to (?:take|go|do|be|end up|head|use|focus)\b",
            r"\bwhat (?:made|makes|got|led|pushed|prompted|inspired|drew) you\b",
            r"\btell me (?:about |more about )?(?:the |some of the |your |what )?(?:\w+ )?(?:proj"
            r"ects?|"
            r"work|things|roles?|jobs?|experience|research|classes|courses) (?:you|you have|you d"
            r"id|"
            r"you are)\b",
            r"\b(?:have|did) you (?:\w+ )?(?:done|tried|worked|had|taken|built|thought about|cons"
            r"idered"
            r"|talked to|looked at|applied)\b",
        ),
        "The persona asks about the seeker, so talking about oneself here is an answer, "
        "not a pitch.", question_only=True),
]
NOT_SELF_DESC = re.compile(
    r"\b(?:do you have (?:any )?(?:other |more |further )?questions|any (?:other |more )?"
    r"questions|does that (?:help|make sense|answer)|make sense|what else (?:can|could|would|do)|"
    r"anything else|want me to|would you like (?:me|to)|shall i|should i|how is (?:your|the) "
    r"coffee|can i get you|are you (?:ready|okay|ok|good|all set|sure|following)|did that "
    r"answer|is that (?:helpful|useful|clear)|you know\?)"
)

def _flat(*groups: list[list[Spec]]) -> tuple[Spec, ...]:
    return tuple(spec for group in groups for specs in group for spec in specs)


SEEKER_SPECS: tuple[Spec, ...] = _flat(
    JOB, RESUME, PITCH, REFERRAL, ADVICE, THANKS, PURPOSE, OVERSHARE, GOSSIP, PRY, DESPERATION,
    TIME_SEEKER,
)
PERSONA_SPECS: tuple[Spec, ...] = _flat(WRAP_UP, RESUME_REQUEST, SELF_DESC, TIME_PERSONA)


@cache
def seeker_families() -> tuple[Family, ...]:
    """Compiled on first use (a few hundred regexes): importing the module stays cheap."""
    return tuple(f for spec in SEEKER_SPECS for f in _compile(spec))


@cache
def persona_families() -> tuple[Family, ...]:
    return tuple(f for spec in PERSONA_SPECS for f in _compile(spec))
