"""Clean Nordic sentences for the generated decode cases, written for rensa (not copied).

Municipal-paperwork register: meetings, agendas, minutes, invitations. Each is (lang, text).
Names used are in NAMES so the vocabulary files mark them as proper names.
Avoid `/ ( ; = " @` in sentences: ISO 646 repair deliberately skips chunks that look like code.
"""

SENTENCES = [
    ("sv", "Mötet i Göteborg börjar klockan nio på måndag."),
    ("sv", "Kommunstyrelsen beslutade att godkänna förslaget från nämnden."),
    ("sv", "Närvarande: Åsa Lindström, Jörgen Öberg och Märta Åkesson."),
    ("sv", "Protokollet justeras av ordföranden och sekreteraren."),
    ("sv", "Ärendet återremitteras till förvaltningen för ytterligare beredning."),
    ("sv", "Sammanträdet hölls i rådhuset i Örebro."),
    ("sv", "Budgeten för år 2021 fastställdes utan ändringar."),
    ("sv", "Byggnadsnämnden föreslår att bygglovet beviljas."),
    ("sv", "Frågan om förskolans lokaler diskuterades länge."),
    ("sv", "Nästa möte äger rum den 15 mars i Malmö."),
    ("sv", "Ordföranden öppnade sammanträdet och hälsade alla välkomna."),
    ("sv", "Välkommen till en dag om samverkan med föreningslivet – anmälan senast fredag."),
    ("sv", "Socialnämnden har lämnat ett yttrande över motionen."),
    ("sv", "Informationen från Västerås lades till handlingarna."),
    ("sv", "Kostnaden beräknas till 250 000 kronor under året."),
    ("sv", "Skolan i Umeå får nya lokaler till hösten."),
    ("sv", "Beslutet överklagades av en ledamot från Lidköping."),
    ("sv", "Fullmäktige väljer en ny revisor för perioden."),
    ("sv", "Kallelse till årsmöte skickas ut två veckor före mötet."),
    ("sv", "Åtgärderna ska följas upp under våren."),
    ("sv", "Förvaltningschefen Björn Sjöström redogjorde för läget."),
    ("sv", "Miljönämnden godkände tillsynsplanen för nästa år."),
    ("sv", "Äldreomsorgen i kommunen behöver fler medarbetare."),
    ("sv", "Det är viktigt att kommunens invånare får möjlighet att påverka."),
    ("sv", "Överförmyndaren har inga övriga frågor."),
    ("nb", "Møtet i Tromsø begynner klokka ni på mandag."),
    ("nb", "Kommunestyret vedtok å godkjenne forslaget fra utvalget."),
    ("nb", "Til stede: Øystein Hågensen, Bjørn Ødegård og Åse Nærø."),
    ("nb", "Protokollen ble godkjent uten merknader."),
    ("nb", "Saken sendes tilbake til administrasjonen for videre behandling."),
    ("nb", "Møtet ble holdt på rådhuset i Ålesund."),
    ("nb", "Budsjettet for neste år ble vedtatt med én endring."),
    ("nb", "Formannskapet ønsker en bedre dialog med frivilligheten."),
    ("nb", "Første dagen er en kunnskapsdag, andre dagen er en workshop."),
    ("nb", "Vi gjør det i form av en «prosjekt og samarbeids-smie» der alle bidrar."),
    ("nb", "Søknadsfristen er fredag i neste uke."),
    ("nb", "Bodø kommune stiller med to representanter."),
    ("nb", "Rådmannen orienterte om økonomien i løpet av året."),
    ("nb", "Ordføreren ønsket alle velkommen til møtet."),
    ("nb", "Det ble stilt spørsmål om skolens økonomi."),
    ("da", "Mødet i Århus begynder klokken ni på mandag."),
    ("da", "Byrådet besluttede at godkende forslaget fra udvalget."),
    ("da", "Til stede var Søren Kærgård, Ærø Jørgensen og Åse Møller."),
    ("da", "Referatet blev godkendt uden bemærkninger."),
    ("da", "Sagen sendes tilbage til forvaltningen til videre behandling."),
    ("da", "Mødet blev holdt på rådhuset i Ålborg."),
    ("da", "Budgettet for næste år blev vedtaget uden ændringer."),
    ("da", "Temadagen handler om frivillighed og fællesskab i kommunen."),
    ("da", "Tilmelding skal ske senest fredag den 12. maj."),
    ("da", "Borgmesteren bød alle velkommen til mødet."),
    ("da", "Der blev stillet spørgsmål om skolens økonomi."),
    ("da", "Kommunen ønsker et tættere samarbejde med foreningerne."),
    ("da", "Høringssvaret blev sendt til Næstved kommune."),
    ("da", "Deltagerne fik lejlighed til at drøfte udfordringerne."),
    ("da", "Prisen er 450 kr. inklusive frokost og kaffe."),
    ("nn", "Møtet i Førde byrjar klokka ni på måndag."),
    ("nn", "Kommunestyret vedtok å godkjenna framlegget frå utvalet."),
    ("nn", "Saka vert send attende til administrasjonen."),
    ("nn", "Møtet vart halde på rådhuset i Ørsta."),
    ("nn", "Alle er hjarteleg velkomne til årsmøtet."),
]

NAMES = {
    "Göteborg", "Åsa", "Lindström", "Jörgen", "Öberg", "Märta", "Åkesson", "Örebro", "Malmö",
    "Västerås", "Umeå", "Lidköping", "Björn", "Sjöström", "Tromsø", "Øystein", "Hågensen",
    "Bjørn", "Ødegård", "Åse", "Nærø", "Ålesund", "Bodø", "Århus", "Søren", "Kærgård", "Ærø",
    "Jørgensen", "Møller", "Ålborg", "Næstved", "Førde", "Ørsta",
}

# Words the hand-written cases (tricky.toml and friends) need, by language.
EXTRA_WORDS = {
    "sv": "är år på och i möte möten från för till rådhuset måndag mötet med ö å ä "
          "ärende ärenden höst hösten öppet fält väg väl köp kör hör här hår".split(),
    "nb": "på og er for møte møtet år høst rådhuset fra".split(),
    "da": "på og er for møde mødet år høst rådhuset fra".split(),
    "nn": "på og er for møte år".split(),
}
EXTRA_NAMES = {"sv": ["Göteborg", "Örebro", "Jörgen"], "nb": ["Tromsø"], "da": ["Århus", "Aarhus"], "nn": []}
