"""Words and phrases that flag a citizen's comment for a careful read (domain/word_filter.py): Indonesian
and regional insults, slurs and obscenities, one per line, written plainly (the filter itself undoes
capitals, repeated letters, digits for letters and the like). A flagged comment is not refused: it stays
pending and is never released unread. Add a word here; leave out words with an everyday meaning (gila,
sial, bodoh), which would send every frank complaint to the careful pile.

Whole words only, with the common suffixes (-nya, -lah, -mu, -kau, -lu, -in, ...), never a part of a
longer word: "asu" flags "asu" and "asunya", not "asuransi"; "tai" flags "tai", not "pantai".
"""

WORDS = frozenset(
    """
    anjing anjeng anjink anjg anying njing
    asu asw
    babi bangsat bajingan bangke bedebah berengsek brengsek
    goblok goblog gblk tolol tlol bego dungu idiot
    keparat kampret kunyuk monyet jancok jancuk dancok cok
    kontol memek ngentot entot ngewe pepek perek lonte pelacur sundal jablay
    tai taik tahi
    bencong banci
    kafir laknat jahanam
    pantek puki pukimak kimak cibai
    budek congek
    setan sialan
    cebong kadrun
    """.split()
)

PHRASES = frozenset(
    {
        "kurang ajar",
        "anak haram",
        "otak udang",
        "muka tembok",
    }
)

SUFFIXES = ("", "nya", "lah", "kah", "mu", "ku", "kau", "lu", "in", "an", "i", "ne")
