"""The support-domain rules under the tagger: what complaints and thanks look like in a helpdesk.

TextBlob knows emotion words; customers who are stuck rarely use them ("still waiting for my
refund", "third time I'm asking"). These cues read the situation instead. No Flask, no database.
"""

import importlib
import importlib.util
import re
import sys
from dataclasses import dataclass


def _textblob_lexicon():
    """TextBlob's English sentiment lexicon (`textblob.en.sentiment`, what `TextBlob.sentiment`
    reads) without `textblob/__init__.py`, which imports NLTK and through it SciPy: 120 MB in
    every web worker for a lexicon that needs neither. The package is stood in for while its
    lexicon module loads, then forgotten, so a later `import textblob` loads it whole."""
    if "textblob" in sys.modules:
        return importlib.import_module("textblob.en").sentiment
    names = ("textblob", "textblob.en", "textblob._text")
    spec = importlib.util.find_spec("textblob")
    sys.modules["textblob"] = importlib.util.module_from_spec(spec)  # not executed
    try:
        return importlib.import_module("textblob.en").sentiment
    finally:
        for name in names:
            sys.modules.pop(name, None)


pattern_sentiment = _textblob_lexicon()


def _cues(table: dict[str, float]) -> list[tuple[re.Pattern, float]]:
    return [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in table.items()]


# Formulas of courtesy that say nothing about mood; TextBlob reads some as praise or blame.
POLITENESS = re.compile(
    r"\b(thanks?( you)?( so much| very much)? in advance|many thanks in advance"
    r"|thank you for your (help|time|assistance|patience)"
    r"|(kind|best|warm)(est)? regards|regards|cheers|best wishes|have a (nice|good|great) day"
    r"|(i )?hope (you are|you're|all is) (well|doing well|good)"
    r"|sorry to bother( you)?|(terribly |so )?sorry for the (trouble|bother)"
    r"|any help (would be|is|will be) (much |greatly |really )?appreciated"
    r"|please (help|advise|let me know)|if possible|when you (get|have) a (chance|moment)"
    r"|(a )?quick question|^\s*(ok|okay|alright)\b)\b",
    re.IGNORECASE,
)

# An unresolved problem, effort, delay, repeated contact, loss or breakage, and anger the
# lexicon does not know. Weights are how sure each cue alone makes a complaint.
NEGATIVE_CUES = _cues(
    {
        r"\b(still|been|keep|kept) waiting\b": 0.7,
        r"\bwaiting (for|on|since)\b": 0.35,
        r"\bstill (not|no|nothing|haven'?t|hasn'?t|have ?n[o']t|isn'?t|doesn'?t|don'?t|can'?t"
        r"|won'?t|didn'?t|broken|missing|charged|the same|there|unresolved|pending|down)\b": 0.65,
        r"\bstill\b": 0.2,
        r"\bagain\b": 0.3,
        r"\b(not|n't|never)\b[^.!?]{0,30}\byet\b": 0.35,
        r"\b(second|third|fourth|fifth|3rd|4th|5th|\d+(st|nd|rd|th)|umpteenth) (time|email|mail"
        r"|message|request|attempt|call)\b": 0.7,
        r"\b(several|multiple|many|countless|numerous|\d+) (times|emails|messages|calls)\b": 0.5,
        r"\b(i'?ve|i have|we'?ve|already) (already )?(asked|written|emailed|called|contacted"
        r"|reported|sent|explained|tried)\b": 0.45,
        r"\b(no ?one|nobody|no-one)\b[^.!?]{0,25}\b(answer|repl|respon|call|help|get|got|came"
        r"|bother|care)": 0.7,
        r"\bno (answer|reply|response|update|news|word|feedback)\b": 0.6,
        r"\bnever (heard|got|received|arrived|came|showed|answered|replied)\b": 0.65,
        r"\b(haven'?t|have not|hasn'?t|has not|didn'?t|did not) (heard|received|got|gotten|arrived"
        r"|come|shown|been (refunded|delivered|shipped|fixed|resolved|answered))\b": 0.6,
        r"\b(delayed|delay|overdue|late)\b": 0.4,
        r"\b(it'?s|it has|it'?s been|been) (over |more than |almost |nearly )?(\d+|two|three"
        r"|four|five|six|ten|several|a few|many) (days|weeks|months|hours)\b": 0.5,
        r"\bhow (much )?long\b": 0.3,
        r"\bon hold\b": 0.55,
        r"\b(cancell?ed|cancell?ation)\b": 0.3,
        r"\b(where'?s|where is|what happened to|still no) (my|the) (refund|money|order|parcel"
        r"|package|item|delivery)\b": 0.6,
        r"\b(lost|missing|broken|damaged|defective|faulty|cracked|torn|stained|dead|leaking"
        r"|scratched|wrong (item|size|order|product|colou?r|address|amount))\b": 0.5,
        r"\b(doesn'?t|does not|don'?t|do not|isn'?t|is not|won'?t|will not|wont|can'?t|cannot"
        r"|couldn'?t|stopped|not) (work|working|load|loading|open|start|charge|sync|connect"
        r"|log ?in|sign ?in|login|access|arrive|arrived|received)": 0.6,
        r"\b(crash|crashes|crashed|crashing|freez|froze|error|errors|bug|bugs|glitch)": 0.45,
        r"\b(charged|billed) (me )?(twice|double|two times|again|three times|wrong)"
        r"|\b(double|over)[- ]?charged|\bunauthori[sz]ed\b": 0.65,
        r"\b(unacceptable|ridiculous|outrageous|scam|rip[- ]?off|joke|useless|pathetic"
        r"|incompetent|disgrace|nightmare|shambles|appalling|worst)\b": 0.7,
        r"\b(fed up|sick (of|and tired)|had enough|last straw|fuming|livid|furious)\b": 0.7,
        r"\bwaste of\b": 0.55,
        r"\b(i want|i need|i demand|give me) (my money|a refund|my refund|answers|someone)\b": 0.5,
        r"\b(asap|immediately|right now|right away)\b": 0.3,
        r"\b(finally|seriously|honestly|frankly)\b": 0.25,
        r"\bwhy (is|isn'?t|hasn'?t|has|does|doesn'?t|did|didn'?t|can'?t|won'?t|do|are"
        r"|am i)\b": 0.35,
        r"\b(not|never) (happy|satisfied|pleased|impressed|ok|okay|acceptable|good enough"
        r"|great|what i (ordered|paid for|expected))\b": 0.6,
        r"\b(disappoint|frustrat|annoy|upset|angry|unhappy|dissatisf|let down)": 0.6,
        r"(?<!no )(?<!any )\b(complain|complaint|escalate|chargeback|dispute|lawyer"
        r"|trading standards|bad review)": 0.6,
        r"\b(cancel my (account|subscription|order)|take my business elsewhere|never (order"
        r"|buy|shop) (here|again|from you))": 0.55,
    }
)

# Relief and praise the lexicon under-reads.
POSITIVE_CUES = _cues(
    {
        r"\b(that|it|this|everything)( all)? (worked|works|did the trick|helped|fixed it)\b": 0.6,
        r"\b(problem|issue|all|everything) (is )?(solved|sorted|fixed|resolved|good now"
        r"|working now)\b": 0.6,
        r"\b(works|working) (now|perfectly|great|fine|again)\b": 0.55,
        r"\bthank(s| you)( so| very)? much\b|\bmany thanks\b"
        r"|\bthanks a (million|bunch|ton)\b": 0.45,
        r"\b(great|amazing|excellent|fantastic|brilliant|awesome|wonderful|superb|outstanding"
        r"|friendly|helpful|quick|fast|speedy) (service|support|job|help|team|response|reply"
        r"|work|experience)\b": 0.6,
        r"\b(love|loving|adore) (it|the|your|this|my)\b": 0.5,
        r"\bno complaints\b|\bcan'?t complain\b|\bnot bad\b|\bspot on\b|\bwell done\b": 0.5,
        r"\b(you'?re|you are) (a )?(star|lifesaver|legend|the best)\b|\blifesaver\b": 0.6,
        r"\b(happy|pleased|delighted|thrilled|impressed) with\b": 0.5,
        r"\b(keep up the good work|highly recommend|will recommend|recommend you)\b": 0.6,
    }
)

# "Great, another week without my order": praise words around a problem are sarcasm.
SARCASM = re.compile(
    r"\b(great|wonderful|fantastic|perfect|brilliant|lovely|awesome|thanks a lot|just great"
    r"|love (it )?how|love that)\b[^.!?]{0,40}\b(another|again|still|no|not|never|without"
    r"|nothing|lost|broken|wait|waiting|charged)\b",
    re.IGNORECASE,
)
CONTRAST = re.compile(r"\b(but|however|although|though|yet|except|unfortunately)\b", re.IGNORECASE)
POSITIVE_EMOJI = re.compile(r"(:-?\)|:-?D|;-?\)|\^_\^|[😀😃😄😁😊🙂😍🥰😎👍👏🎉❤💯🙌✅⭐🌟])")
NEGATIVE_EMOJI = re.compile(r"(:-?\(|:'\(|>:\(|:/(?!/)|[😡😠😤😞😢😭👎🙄😒☹😩😫🤬💢😣😖])")
SHOUTED_WORD = re.compile(r"\b[A-Z]{3,}\b")
ACRONYMS = {"ASAP", "FAQ", "USB", "PDF", "VAT", "SMS", "DHL", "UPS", "USPS", "API", "IOS", "URL"}


@dataclass(frozen=True)
class RuleReading:
    """What the rules see in one text; also the features the learned layer starts from."""

    textblob_polarity: float
    subjectivity: float
    negative_cues: float
    positive_cues: float
    sarcasm: bool
    contrast_polarity: float | None
    exclamations: int
    shouted_words: int
    positive_emoji: int
    negative_emoji: int

    @property
    def polarity(self) -> float:
        """The rules' own verdict in [-1, 1]."""
        base = self.textblob_polarity
        if self.contrast_polarity is not None:
            # After "but", the second half says how the customer really feels.
            base = 0.35 * base + 0.65 * self.contrast_polarity
        if self.sarcasm or (self.negative_cues >= 0.6 and base > 0):
            base = min(base, 0.0) - (0.3 if self.sarcasm else 0.0)
        score = base + 0.8 * self.positive_cues - 1.0 * self.negative_cues
        score += 0.25 * self.positive_emoji - 0.35 * self.negative_emoji
        if score < 0:
            intensity = 1 + 0.1 * min(self.exclamations, 3) + 0.1 * min(self.shouted_words, 3)
            score *= intensity
        elif self.shouted_words >= 2 and self.positive_cues == 0:
            score -= 0.15
        return max(-1.0, min(1.0, score))

    def features(self) -> list[float]:
        """The reading as numbers for the learned layer."""
        return [
            self.textblob_polarity,
            self.subjectivity,
            self.negative_cues,
            self.positive_cues,
            float(self.sarcasm),
            self.contrast_polarity or 0.0,
            min(self.exclamations, 5) / 5,
            min(self.shouted_words, 5) / 5,
            min(self.positive_emoji, 3) / 3,
            min(self.negative_emoji, 3) / 3,
            self.polarity,
        ]


def _cue_strength(text: str, cues: list[tuple[re.Pattern, float]]) -> float:
    """Several cues make a case stronger, with diminishing returns, capped at 1."""
    found = sorted((weight for pattern, weight in cues if pattern.search(text)), reverse=True)
    total = 0.0
    for rank, weight in enumerate(found):
        total += weight * (0.5**rank)
    return min(total, 1.0)


def textblob_sentiment(text: str) -> tuple[float, float]:
    """Polarity and subjectivity exactly as `TextBlob(text).sentiment` gives them: the same
    PatternAnalyzer lexicon, called directly (TextBlob builds a blob and a namedtuple class
    per call, a third of the tagger's time)."""
    polarity, subjectivity = pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def read(text: str) -> RuleReading:
    """Apply every rule to one text."""
    plain = POLITENESS.sub(" ", text)
    polarity, subjectivity = textblob_sentiment(plain)
    contrast_polarity = None
    parts = CONTRAST.split(plain, maxsplit=1)
    if len(parts) == 3 and parts[2].strip():
        contrast_polarity = textblob_sentiment(parts[2])[0]
    shouted = [word for word in SHOUTED_WORD.findall(text) if word not in ACRONYMS]
    return RuleReading(
        textblob_polarity=polarity,
        subjectivity=subjectivity,
        negative_cues=_cue_strength(plain, NEGATIVE_CUES),
        positive_cues=_cue_strength(plain, POSITIVE_CUES),
        sarcasm=bool(SARCASM.search(plain)),
        contrast_polarity=contrast_polarity,
        exclamations=text.count("!"),
        shouted_words=len(shouted),
        positive_emoji=len(POSITIVE_EMOJI.findall(text)),
        negative_emoji=len(NEGATIVE_EMOJI.findall(text)),
    )
