//! Reads typed fields — dates, times, place, people, agenda items, decisions, contacts — out of
//! the cleaned text of a Nordic municipal document, each with the byte span it came from.
//!
//! The input is the text after decoding and restoration (Swedish, Norwegian Bokmål and Nynorsk,
//! Danish): minutes (`Protokoll`, `Minnesanteckningar`, `Møteprotokoll`, `Referat`), agendas,
//! event invitations and announcements. The output is a [`Fields`] value that serialises to the
//! JSON below. [`extract`] is a pure function: no I/O, no global state beyond compiled regexes,
//! and it does not panic on any input.
//!
//! # What this crate does not do
//! - It does not repair text. OCR damage that survived restoration is tolerated only where it is
//!   cheap: labels are compared on lowercase, diacritics-folded text (`Narvarande` is
//!   `Närvarande`), and a few role words accept one damaged letter (`ordférande`).
//! - It does not guess. A date without a year whose year nothing in the document decides comes
//!   out with `value: null` and its raw text; a name that does not look like a name is dropped.
//! - It knows no names: people are found by shape (two to four capitalised words, no
//!   organisation word such as `kommun` or `Foundation`) and by the labels around them. A
//!   Swedish given name list would catch more and is not used.
//! - It does not resolve relative dates (`14 dager før`, `andra veckan i mars`).
//!
//! # How it decides (and why)
//! - **Dates.** ISO (`2020-01-29`), numeric day-first (`12.12.2016`, `den 9. 12.2016`,
//!   `27/9/16`; yearless `31/3`, `25.10` only right after a date word: `senast`, `innen`, `inden`,
//!   `til`, `från`, `den`, a weekday …, after a meeting's or date's label (`Næste møde: 2/6`) or,
//!   with a slash, before a clock time (`2/6 kl. 15.00`); never `Lokale 1.12`, `Sak 4/12` or `till 1/3 av`), month names and abbreviations in all four languages (`13 september 2023`,
//!   `Onsdag 6. september`, `29 januari`), ranges (`13–15 mars`) and terms (`ht 2020`, `Ht-20`:
//!   `value` null, `term` and `year` set). An abbreviation without a dot or year (`8 mar`; `mai` and
//!   `maj` are names, not abbreviations) is not
//!   a date, nor is a day preceded by `§` or another number (`§ 12 maj`, `15 000`), nor phone
//!   numbers, amounts, times or lone years.
//!   A date on the running header or footer of a later page (`Kommune | Utvalg | 05.05.2026 |
//!   Side 2 av 2`) repeats the meeting date and is not listed; the front page's (`Side 1 av 2`)
//!   is content. Without the page count (`… · 07.12.2026 · side 2`) the page number must close a
//!   line of fields set apart by `·`, `|` or `•`. A yearless date followed by `i fjor`, `i fjol`,
//!   `sidste år` takes the year before the document's first complete date.
//! - **Missing years.** The document's years are the years of its complete dates. A weekday
//!   decides when exactly one year within two of those years puts that date on that weekday
//!   (`extract.date-weekday-inferred`). Without a weekday, a complete date on the same line
//!   decides (or on the next line when a list of dates wraps after a comma or `och`/`og`:
//!   `26 januari,` / `23 februari och 27 april 2027`); otherwise, if the document has exactly one year, that year — unless the date is
//!   within three months of the document's first complete date across a year boundary (`Möte
//!   hölls den 2 december` in minutes dated 2020-01-29 is 2019-12-02,
//!   `extract.date-year-nearest-anchor`). Several years and no weekday: the year that puts the
//!   date nearest the document's first complete meeting or event date (not one on a line with
//!   another year: `2020-01-01 till 2021-12-31` is a period), if within half a year
//!   (`extract.date-year-nearest-anchor`); without such a date `null`
//!   (`extract.date-year-unknown`). The meeting date was chosen over "nearest full date in the
//!   text" because minutes list a calendar for the whole year.
//!   Before it, a meeting-calendar heading with one year (`Sammanträdesplan 2025`, `Møteplan
//!   2025`) on the date's line or up to eight lines above, with no complete date between, gives
//!   its year (`extract.date-year-from-heading`); a weekday must fit it.
//! - **Date roles.** `deadline` when `senast`/`senest`/`frist`/`sista dag` precedes the date on
//!   its line (or on the line above when the sentence wraps; an ordinal's dot there ends no
//!   sentence), or `til`/`till` ends a hearing
//!   period (`høringsperioden løber til 2/12`, `granskning från … till 12 november`); `decision` after `Beslut`/`Vedtak`/`vedtok` (`Kommunestyrets vedtak 23.04.2026`; a `Vedtak:`/`Beslutning:`
//!   label opening the decision text is none: its dates are what was decided, a moved meeting
//!   or a hearing period, whose end is a deadline also after a dotted start date); `meeting` or `event` on `När:`/`Datum:`/`Tid:`
//!   lines (also with the label in a column of its own: `Datum    Torsdag 15 oktober`), on a line holding only the date, on a calendar row starting with the date, on the
//!   title line or after event words (`äger rum`, `temadag`); `meeting` rather than `event` when
//!   a meeting word is near or the document is minutes or an agenda; else `mentioned`. In an
//!   announcement a date alone on a line is its publication date: `mentioned`.
//!   Round 13: a short calendar heading with one year among the first six lines (`MÖTESPLAN
//!   2041`, no date on it) gives its year to every year-less date below it, past complete dates.
//!   Round 13: `4. og 5. juni`, `3 och 4 maj`: the bare day is a date of its own (not after `§`).
//!   Round 13: a weekday fitting several years takes the one within half a year of the meeting.
//!   Round 13: a same-line complete date gives its year only within its sentence; `…fristen er
//!   20/11` (deadline noun and copula) admits a short numeric date.
//! - **Times.** `kl. 8-12`, `16:00-18:00`, `09.00–11.30`, `10 september 09:00 - 10 september
//!   11:30` (one range), `13.00`, `8:15`; never inside a date or a longer number, nor before `kr`
//!   or `%`, nor after an identifier word (`nr. 12.44`, `§ 5.12`, `Sak`) or right after a
//!   capitalised name that does not start its line (`Älandsbro 5:12`, `Väster-Bro 1:23`, property designations;
//!   weekdays and time words such as `Tid`, `Om` excepted). A time that follows a place name in
//!   running text (`i Stadshuset 18.00`) is lost by this rule; `kl.` keeps it.
//! - **People.** Labelled blocks (`Närvarande`, `Beslutande`, `Ersättare`, `Frånvarande`,
//!   `Deltagare`, `Medverkande`, `Til stede`, `Møtt`, `Forfall`, `Fraværende`, `Afbud`,
//!   `Oplægsholdere er …`, `Værter … er …`, `Ordstyrer er …`, `Samtalsledare … är`), speaker lines in programs (`Name (Org)`,
//!   `Name, Org`, `Label: Name, Org og Name, Org`) and roles stated in text (`Antecknat av` →
//!   secretary, `… väljs som ordförande` → chair, `vice ordförande` → vice-chair, `Justeras av` →
//!   adjuster). Lists split at top-level commas, and at `och`/`og` when a name follows; four
//!   capitalised words without a comma are two names (`samt`/`og` + one lowercase group noun +
//!   a name splits too; the noun is dropped). A list runs on over following lines until a
//!   capitalised label or a label before a colon; a line ending in a comma always runs on, so a
//!   wrapped `1:e vice` / `ordförande, …` stays one list. `Name (Party) for Name` is a
//!   substitution. A run opening with `Destination`, `Visit`, `Business` … is an organisation.
//!   Mentions of one person (lowercase,
//!   diacritics folded) merge into one entry with the most specific role.
//!   Two-column tables (`Ordförande<gap>Name (C)`, a value wrapping onto lines indented past
//!   the label; `Ledamöter Name (M), Name (S)` when the gap was lost) read each row as a block;
//!   a heading alone above them (`Beslutande`, `Fremmødte`) gives its status to every row, and a
//!   title with a name (`Ordförande    Name`) is no signature caption. Bullets (`- Name, leder`)
//!   are dropped before a list line; a second label after a sentence end on one line (`Forfall:
//!   Name (H). Vara: Name`) starts a block of its own. Substitutes are also read from a
//!   parenthesis (`Name (vara for Name)`, `(ersättare för …)`, `(stedfortræder for …)`), from
//!   `er indkaldt for`/`er innkalt for` and from `ersätter`/`erstatter Name`; singular labels
//!   (`Møtende varamedlem`, `Stedfortræder`, `Suppleant`, `Vara`), non-serving `Ej
//!   tjänstgörande ersättare` (substitute, no role), `Fraværende med afbud` and abbreviations
//!   (`Ordf.`, `v. ordf.`, `sekr.`) count. `Name fra/från/hos Org` is a person and an organisation.
//!   A group label with a relative clause (`Faste medlemmer som møtte:`, `… som ikke møtte:`,
//!   `Medlemmer, der ikke var til stede:`) takes its status from the clause; a `Representerer`
//!   column cell that is a party (`SP`, `KRF`) is the party. A one-word body before a name
//!   after a title and preposition or ending in an organisation word (`Leder af Familiehuset
//!   Name`) is no part of the name; `Dagen ledes af konsulent Name` (an occasion's noun, not
//!   `Projektet`) names a host; a programme row (`08.40–09.00 …`) ends a speaker list.
//!   Rosters (`Medlemmer:`, `Kallade ledamöter:`) give role member and no status; officials
//!   (`Tjänstepersoner:`, `Övriga:`, `Fra administrasjonen:`, any `Fra`/`Från` + definite noun
//!   before a colon) are present; a short label ending in a known one (`Udvalgets medlemmer:`)
//!   counts. A job title before or after a name (`kommunedirektør Stig Bjørnstad`, `Emma Wärn,
//!   nämndsekreterare`) is recognised by its ending (`-chef`, `-sjef`, `-sekreterare`,
//!   `-pleiar` …); secretary words give the secretary role. Substitution clauses in a list
//!   (`ersättare för X`, `møtte ved vararepresentant Y`, `stedfortræder Y deltog`) set one person
//!   absent and the other substitute. A name alone on a line with a caption below (`ordfører`,
//!   `politisk sekretær`) is a signer, unless people follow the label at its indent (`Tjänstgörande
//!   ersättare` inside a member column is a sub-heading giving its status to the rows under it). `X orienterer`/`redogör`/`deltek` makes X a speaker only if
//!   no list gave X a status or role; `X (S) och Y (M) justerar` makes both adjusters; a title in
//!   running text (`Ordföranden Åsa Lindqvist`) only adds a role to someone found elsewhere.
//!   Prose counts too: `Til stede var …`, `Fra administrationen deltog …`, `Dessutom närvarade …`
//!   (present; a part with a body's name before the name is skipped, not split), `Mødet blev
//!   ledet af` (chair), `Som sekreterare tjänstgjorde`, `…, der førte protokollen` (secretary),
//!   `Til å underskrive protokollen … ble valgt A og B` (adjusters), `Name har meldt forfall`
//!   (absent; a seat noun before the name is dropped: `Ledamoten Name har anmält förhinder`),
//!   `Varamedlem Name er kalla inn`, `I hans ställe kallas ersättaren Name` (substitute),
//!   `Name møtte som vara for henne` (substitute for a pronoun). A compound seat noun opening a
//!   sentence (`Styremedlem Name …`) is no part of the name. A one-per-line list whose lines end
//!   in a role after a comma (`Name (A), formand` / `Name (V)`) is read line by line. A heading
//!   over group lines, each with its own short label and colon (`Forældre: …`, `Elever: …`,
//!   `Frå dei tilsette: …`), reads each group as a list of its own; `… representanter:` is a
//!   roster label.
//!   `Name – Kirkens Korshær Vejle`, `Name (A) – byrådsmedlem`: after a spaced dash following one
//!   person's name (or a role after it) a capitalised run is where the person comes from, not a
//!   second person. A parenthesis pointing at items (`(punkt 3)`, `(PS 33/26 og PS 37/26)`) is no
//!   organisation; a role in a parenthesis after an organisation (`Name, Sekretariatet X
//!   (protokollfører)`) is the person's. `og` + a title phrase with lowercase words (`og
//!   rådgjevar for trafikktryggleik Name`) splits a list; `-kontakt` compounds and definite
//!   singular titles (`journalisten Name`) stand before names. A heading without a colon ending in a
//!   group label (`Udvalgets medlemmer`, `Frå administrasjonen`), a label with a qualifier
//!   (`Til stede fra arbeidsgiver:`) over `Role  title Name` rows, and role columns with more
//!   cells (`Ledamot  Name  Party  för Name`, read as a table row) are blocks; a letter's sender
//!   under `Med venlig hilsen` with a job title (no role) is no attendee.
//!   Round 10: a table's header row (`Namn  Funksjon  Parti  Møtt  Forfall`) opens a table on
//!   its own; `X` under an absence column (`Forfall`, `Afbud`) is absent, a `(for Name)` line
//!   under a row names whom it replaced; a group label beside another column (`Ledamöter  Parti
//!   Tjänstgörande ersättare  Parti`) heads a name column with its status, `Name för Name` in it
//!   a substitution. A label column line runs on into the next only when it ends in a comma or
//!   a lowercase word; a list line ending in `title Given` runs on; an absence sentence's name may
//!   wrap; `Miljö- och byggchef Name` is one title; `-foged`, `-planerare` are titles; newspaper
//!   words (`Avis`, `Tidning`, `Blad`) make organisations; `vert leidd av` names a host.
//!   Round 12: `Treffet vert leidd av`, `Träffen leds av` name a host, whose name ends before a
//!   preposition (`journalist Name fra Avisen`); under a label alone on its line, a list line
//!   ending in `title Given` or in a name whose surname opens the next line runs on.
//!   Round 11: a label after a sentence end inside a wrapped block (`Til stede: 19 av 21. Forfall:
//!   A og B` / `(SV). …`) starts its own list up to the next sentence end.
//!   Round 11: a substitute's calling-in verb may wrap (`Stedfortræder Name (V) er` / `indkaldt`).
//!   Round 11: a group's label before a colon under a participants heading (`Formannskapet:
//!   ordførar Name (Sp), …`) is no part of the first person.
//!   Round 11: a list line ending in a capitalised word runs on when the next opens with one lone
//!   capitalised word (`… rådgiver Siv Anne` / `Lunde (sekretær)`): the surname.
//!   Round 11: a conjunction inside a suspended compound (`og kultur- og` / `fritidschef Name`)
//!   does not stop the split at the `og` before it.
//!   Round 14: a participants label may say who the people are in one parenthesis of up to 80
//!   characters before its colon (`Til stades (medlemer valde av … 2035):`).
//! - **Agenda.** Numbered lines (`§ 12`, `1.`, `Sak 12/20`, `Sak nr. 7/25`, `PS 5/21`, `RS 3/25`,
//!   `DS 4/25`, `Punkt 3`, `Ad 2`, running `118.`, bare `14/25` when `25` is no month; at least two, or one `§`; a worded number before a lowercase
//!   word is a reference in a sentence, `Sak 61/25 og sak 62/25 er …`, not an item), timed program lines (at least two lines starting with a time), and bullets under a
//!   heading containing `program`/`dagordning`/`agenda`/`sakliste`/`dagsorden`, or the plain
//!   lines (at least two, each capitalised, no labels) right under such a heading or one like
//!   `Kvällens innehåll` (`Innehåll` alone is a table of contents). A timed item
//!   ends where the next starts unless a date heading or an earlier time (a new day) intervenes.
//!   A preposition ending a title line (`…? Med`) before speaker lines is cut; a title ending in
//!   `ved`/`vid` + the name of someone the document names elsewhere ends before the marker.
//!   A right-hand column of times after a wide gap (`1  Upprop      18.30`, `18.40–19.00`; at
//!   least two item lines with one) gives the items their times, also from a wrapped title's
//!   second line. Body-prefixed case numbers (`SU-sak 6/27`, `FSK-sak 3/26`) number items;
//!   indented `Spår A: Title` / `Track 2: Title` lines under a programme are parallel-track
//!   sub-items; one slot with start and end (`12:00 – 12:30  Title`) before a numbered list is
//!   an item. `med panelet: A, B` / `og C` gives the item its people.
//!   The title is the heading line's first sentence without a trailing period (`?`/`!` kept,
//!   an abbreviation's dot kept, a subtitle after a question kept); a speaker attribution
//!   (`Velkomst ved udvalgsformand …`, `– Name (Party), role`, `… forskningen? Førsteamanuensis
//!   Name, Org`) is cut from the title into `people`. `ved`/`vid` also mean "at", so after them
//!   a title, party or comma must mark a person (`boliger ved Tuse Næs` is a place); `v/` always
//!   marks one, also opening a wrapped line (`v/ direktør …`, then `og konsulent …`). A dot
//!   before a number ends no title sentence (`pr. 31. maj`, `fv. 5`). Timed lines may open with
//!   `kl.` (`kl. 19.00–19.15 Velkomst`, `Kl. 19.00: …`) when the title is capitalised. Numbered
//!   items keep a `title Name` inside the title and take the person; a name opening a numbered
//!   item is the case's subject, not a speaker. A numbered item's time is read from a line under
//!   it that names its presenter or starts with a time word (`Föredragande: ekonom Name,
//!   beräknad tid kl. 10.00–10.30`, `Tid: kl. 14.15`) or from the end of its title (`, kl.
//!   16.30`, cut from the title); after a presenter label any lowercase title may stand before
//!   the name, and a short lead with `v/` (`Orientering v/ kommunalsjef Name`) names one too.
//!   After a programme dash, a body's genitive before a title (`– kommunstyrelsens ordförande
//!   Name`), a profession (`biolog`, `kommuneoverlege`, `lodsejer`) or one lowercase word shaped
//!   like a person noun (`-are`, `-ør`, `-ist`, `-ent`, `-log`, `-iker` …) before a name marks a
//!   speaker; `– besök Gamla Kvarnen` does not. `kv.`, `gnr.`, `bnr.` end no title sentence.
//!   A closing parenthesis naming a speaker (`Åpning (ordfører Name)`) or a line that is one
//!   (`(Name, title, Org)`) gives the item's people; `Ledes av`/`Faciliteret af` names a host.
//!   A right-hand column after a wide gap holding a register code or a mark (`ON 2026/12`,
//!   `2026-00118`, `X` under `Lukket`) is cut from a numbered title and its wrapped line.
//!   Round 11: a register column between an item's number and its title (`PS 21/27   27/318
//!   Title`, wide gaps) is cut; a wrapped title's date line is measured without its register cell.
//!   Round 11: question time, `Spørsmål 1/27 fra Name (Party): Subject` / `Fråga 2 från …`, is an
//!   item numbered by the question whose title is the subject; the asker is a member, and `Svar
//!   lämnas av`/`Svaret gis av` under an item names its speaker.
//!   Round 11: an approximate time (`ca. 17.30  Heimkomst`) opens a programme line; `Før møtet,
//!   kl. 09:00–09:45: Title` (before or after the meeting) is a timed, unnumbered item.
//!   Round 12: in a pipe table `Sak | Tittel | …` the case-word column beside a title column is
//!   the number, and a pipe row is read by its cells even when it opens with a number; a case
//!   officer column (`Saksbehandler`, `Handläggare`) names no speakers.
//!   Round 12: `ved A og B, Org` (two names joined by a conjunction) names both speakers.
//!   Round 11: `– omvising ved Name` keeps the activity after the dash (only talk words such as
//!   `oplæg`, `innlegg` go); `ved title Name,` / `Org` takes the wrapped organisation, `v/ title
//!   Given` / `Surname, Org` the wrapped surname, and `Title ved Name` / `og Name, Org` makes
//!   both speakers of the shared organisation.
//!   Round 14: item-table headers know a page column (`Side`, `Sida`) and `Oplæg ved`-style
//!   presenter columns; a tabbed row with three or more cells is read by its columns even when
//!   it opens with a number, and a presenter cell's `kl. 10.15` times an untimed item.
//!   Round 14: a capitalised status before a colon (`NYTT ÄRENDE:`, `UTGÅR:`, `NY SAK:`) is cut
//!   from the title.
//!   `Ad 3.` paragraphs under an item list that holds item 3 are notes, not items. A presenter
//!   line under an item that names a person by a presenting verb (`Leder af X Name deltager
//!   under punktet kl. 16.30-17.00`) gives its time and speaker. `Title med Name, Name og` /
//!   `Name, Org` is an attribution when only names (after titles) follow `med` to the end.
//!   Item tables may be pipe tables (`Kl. | Indhold | Oplægsholder`), read by column even when a
//!   row opens with a time; a tabbed table resumes after a blank line and one section line
//!   (`Lukket møde`), and `(v/ title Name)` in a title cell is cut. `1)` items and bare numbers
//!   set off by a wide gap (`1   Title`) are numbered items; indented `a)` lines under items are
//!   sub-items numbered by their letter (also `å)`, as the cleaner may read `a)`), and so are
//!   `a)`, `b)` … lines at the margin in alphabetical order, each a short heading (not `a) … .`
//!   decision points). A `med Name, Org, og` line under a programme item names its people; a
//!   speaker line wrapped inside an organisation's name after its head noun (`…, Föreningen` /
//!   `Skogens Vänner`) continues that name. A time before
//!   a worded number (`12:00  Sak 1/26  Title`) gives the number; `Kl. 18.00 til 18.15` is a
//!   range. A title wraps onto the next line after a dangling conjunction, preposition or dash,
//!   in upper case under an upper-case heading (indented), or onto a line that is a date or a
//!   span of years; a trailing colon is dropped. `Til punkt 4:`/`Till ärende 4:`/`Ad sak 4/25:`
//!   notes give item 4 their speaker and, when it has none, their time. A speaker line whose
//!   list or parenthesis runs over lines (`Panel: Name (Org), Name` / `(Org) och Name`) is read
//!   as one; `Föredras av`/`Præsenteres af` and `Oplæg:`/`Innledning:` open presenter lines.
//!   People: `·` separates like a comma; `Name / Sp / leiar` slash columns; party group lines
//!   (`Høgre: Name (leiar), Name`); `(H, nestleder)` gives a party and a role; roll-call tables
//!   under `Närvarolista`/`Deltakerliste` read a presence column (`x`, `–`, `x (för Name)`);
//!   `Innkalt:`/`Indkaldt:` are rosters, a run-on roster ends at a sentence end after a name;
//!   `Name utsågs att … justera` (adjuster), `Møtesekretær var Name`, a mid-line `Sekretær:
//!   Name`, `Afbud meddeles udvalgssekretær Name` (secretary); definite plural titles
//!   (`planarkitekterna`) stand before names.
//!
//!   The hand-annotated `fixtures/fields-heldout` set was used to develop these rules (it is a
//!   dev set now, no longer held out); the cases in `fixtures/cases/extract` restate each rule
//!   with other names and sentences.
//! - **Document type.** Title words first (minutes, then agenda), then a short heading line
//!   among the first six naming the kind (`MØTEPROTOKOLL` under `Ringsaker kommune`), then at least two invitation
//!   labels (`När:`, `Plats:`, `Anmälan`, `Målgrupp`) → invitation, then minutes labels in the
//!   body, then announcement words in the title (`temadag`, `konference`), then any invitation
//!   word or label; else `other`.
//!
//! # JSON shape
//! Every span is `[start, end)`: a half-open range of **byte** offsets into the text passed to
//! [`extract`] (the cleaned text, not the decoded original). Lists are in document order. All
//! keys are always present; absent values are `null` or `[]`.
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `doc_type` | string | `minutes`, `agenda`, `invitation`, `announcement` or `other` |
//! | `title` | {`text`, `span`} or null | first substantial line (menu words, label lines skipped) |
//! | `dates` | [[`Date`]] | `value` (ISO `YYYY-MM-DD` or null), `role` (`meeting`, `event`, `deadline`, `decision`, `mentioned`), `text`, `span`, `year_inferred`, `rule`, `term` (`autumn`/`spring` or null), `year` |
//! | `times` | [[`Time`]] | `start` `HH:MM`, `end` `HH:MM` or null, `text`, `span` |
//! | `place` | {`text`, `span`} or null | `Plats:`, `Sted:`, `Lokale:`, `Lokation:`; else an address or `Teams`/`Zoom` |
//! | `organizers` | [{`text`, `span`}] | from `Arrangör:`, `Arrangør er …` (split at `samt`, `i samarbeid med`, commas) |
//! | `audience` | {`text`, `span`} or null | first sentence after `Målgrupp:`/`Målgruppe er` |
//! | `fee` | [`Fee`] or null | `text`, `span`, `free`, `amount` (number or null), `currency` (`SEK`, `NOK`, `DKK`, `EUR` or null) |
//! | `registration` | [`Registration`] or null | `deadline` (ISO or null), `contact` (email, else phone, else name), `url`, `text`, `span` |
//! | `attendees` | [[`Attendee`]] | `name`, `party`, `role` (`chair`, `vice-chair`, `secretary`, `adjuster`, `speaker`, `member`, `host` or null), `organization`, `status` (`present`, `absent`, `substitute` or null), `span` (first mention) |
//! | `agenda` | [[`AgendaItem`]] | `number`, `time`, `end_time`, `title`, `people`, `organizations`, `span` |
//! | `decisions` | [{`text`, `span`}] | sentences with `Beslut`, `Vedtak`, `beslutar att`, `ställer sig bakom`, `väljs som`, `får i uppdrag`, `utser` … |
//! | `deadlines` | [{`date`, `text`, `span`}] | every date with role `deadline`; `text` is its sentence up to the date |
//! | `contacts` | [{`email`, `phone`, `name`, `span`}] | `name`: nearest name in the sentence, else a person whose name is the e-mail's local part; one contact per e-mail address (a repeated address completes the first) |
//! | `urls` | [{`url`, `span`}] | deduplicated (case-insensitively, trailing `/` ignored); first occurrence |
//!
//! Every `rule` value is listed with a summary by [`rules`].
//!
//! # Performance
//! Regexes are compiled once per process. Word boundaries in the regexes that scan the whole
//! text are ASCII (`(?-u:\b)`): Unicode boundaries kept the regex crate from using its lazy DFA
//! on Nordic text and made extraction four times slower. Letter classes are the Latin script's
//! (`[\p{Lu}&&\p{Latin}]`, not `\p{Lu}`): names in these documents are written in Latin
//! letters, and all of Unicode's letters made compiling the name patterns cost a tenth of a
//! second per process (now a third of that), with the same fields on every test document.
//! Block labels are looked up by their first letter, and costly line analyses run after cheap
//! tests have rejected most lines. Measured with `cargo bench -p rensa-bench --bench extract` on
//! the project's 2-core VM: 0.30–0.69 ms per seed document
//! (0.55 ms on average, about 9.5 MB/s). The first version took 0.21–0.53 ms; the rules added
//! for the held-out sets doubled the cost until the checks above halved it again (callgrind,
//! 116 documents: 735M -> 352M instructions per pass).
//! Later rules raised it to 0.36–0.74 ms; these bring it back to 0.21–0.48 ms (callgrind, the
//! five seeds, one warm pass: 24.9M -> 16.2M instructions): the whole-text statement patterns
//! of `people` run only when one pass of a `RegexSet` of their keywords (copied from each
//! pattern, same flags) finds the keyword, and lists of literal keywords are one literal regex
//! instead of one substring search each; `fold` lowercases Latin-1 without Unicode's tables and
//! allocates once; per-line tests (a timed line's first character, a heading's length, a
//! separator before splitting at commas) run before the costly analysis; nothing pure is
//! computed twice for one line.
//!
//! # Example
//! ```
//! use rensa_core::Lang;
//!
//! let f = rensa_extract::extract("Onsdag 6. september\n13.00 Velkommen\n14.00 Kaffe\n\nDato: 1. mars 2017", Lang::Nb);
//! assert_eq!(f.dates[0].value.as_deref(), Some("2017-09-06"));
//! assert_eq!(f.dates[0].rule, "extract.date-weekday-inferred");
//! assert_eq!(f.agenda[0].end_time.as_deref(), Some("14:00"));
//! assert_eq!(f.times.len(), 2);
//! ```

mod agenda;
mod dates;
mod fields;
mod people;
mod text;
mod times;

use rensa_core::Lang;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the extracted text.
pub type Span = [usize; 2];

/// Everything extracted from one document. See the crate docs for the JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    /// What kind of document this is.
    pub doc_type: DocType,
    /// The first substantial line.
    pub title: Option<Spanned>,
    /// Every date, in document order.
    pub dates: Vec<Date>,
    /// Every clock time or time range, in document order.
    pub times: Vec<Time>,
    /// Where the meeting or event takes place.
    pub place: Option<Spanned>,
    /// Who arranges it.
    pub organizers: Vec<Spanned>,
    /// Who it is for.
    pub audience: Option<Spanned>,
    /// What it costs.
    pub fee: Option<Fee>,
    /// How to sign up.
    pub registration: Option<Registration>,
    /// People present, absent, speaking, chairing…
    pub attendees: Vec<Attendee>,
    /// Agenda or program items.
    pub agenda: Vec<AgendaItem>,
    /// Sentences that record a decision.
    pub decisions: Vec<Spanned>,
    /// Dates with the role `deadline`.
    pub deadlines: Vec<Deadline>,
    /// E-mail addresses and phone numbers, with the person they belong to.
    pub contacts: Vec<Contact>,
    /// Web addresses, deduplicated.
    pub urls: Vec<Url>,
}

/// A piece of text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spanned {
    /// The text, whitespace runs collapsed to one space.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// Kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocType {
    /// Minutes of a meeting.
    Minutes,
    /// An agenda.
    Agenda,
    /// An invitation to an event, with practical details.
    Invitation,
    /// A news-style announcement of an event.
    Announcement,
    /// Anything else.
    Other,
}

/// What a date is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateRole {
    /// When a meeting takes place.
    Meeting,
    /// When an event takes place.
    Event,
    /// A last day (to register, to answer).
    Deadline,
    /// When a decision was taken.
    Decision,
    /// Any other date.
    Mentioned,
}

/// A school-style term instead of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    /// `ht`, `hösten`, `høsten`, `efteråret`.
    Autumn,
    /// `vt`, `våren`, `foråret`.
    Spring,
}

/// A date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Date {
    /// ISO `YYYY-MM-DD`, or null when the year cannot be decided or for a term.
    pub value: Option<String>,
    /// What the date is for.
    pub role: DateRole,
    /// The date as written.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// True when the year was not written but decided from the document.
    pub year_inferred: bool,
    /// The rule that produced the value (see [`rules`]).
    pub rule: String,
    /// For `ht 2020` and the like: the term.
    pub term: Option<Term>,
    /// The year, when known.
    pub year: Option<i32>,
}

/// A clock time or time range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Time {
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM` for a range.
    pub end: Option<String>,
    /// As written.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A fee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// The fee statement.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// True for `Kostnadsfritt`, `Gratis`, `Ingen avgift`.
    pub free: bool,
    /// The amount in `currency`, when one is stated.
    pub amount: Option<f64>,
    /// ISO 4217 code; `kr` is read by the document language.
    pub currency: Option<String>,
}

/// How to register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// Last day to register, ISO.
    pub deadline: Option<String>,
    /// E-mail, else phone, else name of the contact in the registration text.
    pub contact: Option<String>,
    /// Registration link.
    pub url: Option<String>,
    /// The registration text.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// A person's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Chair (`ordförande`, `leder`, `formand`).
    Chair,
    /// Vice chair.
    ViceChair,
    /// Secretary / minute taker.
    Secretary,
    /// Adjuster of the minutes (`justerare`).
    Adjuster,
    /// Speaker in a program.
    Speaker,
    /// Voting member.
    Member,
    /// Host of an event.
    Host,
}

/// Whether a person attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Present.
    Present,
    /// Absent (`Frånvarande`, `Forfall`, `Afbud`).
    Absent,
    /// Serving substitute (`Ersättare`, `Varamedlemmer`).
    Substitute,
}

/// A person named in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    /// The name as first written (whitespace collapsed).
    pub name: String,
    /// Party letters (`M`, `S`, `KD`, `Ap`, …).
    pub party: Option<String>,
    /// The most specific role stated anywhere.
    pub role: Option<Role>,
    /// Organisation from `Name (Org)` or `Name, Org`.
    pub organization: Option<String>,
    /// Attendance.
    pub status: Option<Status>,
    /// The first mention.
    pub span: Span,
}

/// An agenda or program item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// `§ 12`, `1.`, `Sak 12/20`, `PS 5/21`, `Punkt 3`.
    pub number: Option<String>,
    /// Start time `HH:MM` for timed programs.
    pub time: Option<String>,
    /// End time: stated, or the next item's start.
    pub end_time: Option<String>,
    /// The item's title.
    pub title: String,
    /// Speakers named on or under the item line.
    pub people: Vec<String>,
    /// Their organisations.
    pub organizations: Vec<String>,
    /// The item line and its speaker lines.
    pub span: Span,
}

/// A deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// ISO date, or null when the year is unknown.
    pub date: Option<String>,
    /// The sentence up to and including the date.
    pub text: String,
    /// Where that text is.
    pub span: Span,
}

/// A contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number as written.
    pub phone: Option<String>,
    /// The person it belongs to.
    pub name: Option<String>,
    /// From the first to the last of e-mail and phone.
    pub span: Span,
}

/// A web address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Url {
    /// The address (an OCR space before a `/` path segment removed).
    pub url: String,
    /// The first occurrence.
    pub span: Span,
}

const RULES: &[(&str, &str)] = &[
    ("extract.date-iso", "an ISO date as written: 2020-01-29"),
    ("extract.date-numeric", "a day-first numeric date with its year: 12.12.2016, 27/9/16"),
    ("extract.date-text", "day, month name and year as written: 13 september 2023"),
    ("extract.date-range", "one end of a day range in one month: 13–15 mars 2023"),
    ("extract.date-year-from-document", "the year was not written; a complete date on the same line or the document's only year gives it"),
    ("extract.date-year-from-heading", "the year was not written; a meeting-calendar heading above it gives one year: Sammanträdesplan 2025"),
    ("extract.date-year-nearest-anchor", "the year was not written; the date is within three months of the document's first date across a year boundary"),
    ("extract.date-weekday-inferred", "the year was not written; the weekday fits exactly one year within two of the document's years"),
    ("extract.date-year-unknown", "the year was not written and nothing decides it: value is null"),
    ("extract.date-term", "a term (ht 2020, Ht-20, våren 2021): value is null, term and year are set"),
];

/// `(rule name, summary)` for every `rule` value [`extract`] can emit.
pub fn rules() -> &'static [(&'static str, &'static str)] {
    RULES
}

/// Extracts all fields from `text` (cleaned text in language `lang`).
pub fn extract(text: &str, lang: Lang) -> Fields {
    // A box-drawn table's frame is read as blank space (same byte offsets, see `text::unframe`).
    let unframed = text::unframe(text);
    let text = unframed.as_deref().unwrap_or(text);
    let lines = text::lines(text);
    let labels = fields::labels(&lines);
    let labelled_lines: Vec<usize> = labels.iter().flat_map(|l| [l.line, l.value_line]).collect();
    let title = fields::title(text, &lines, &labelled_lines);
    let doc_type = fields::doc_type(&lines, title.as_ref().map(|t| t.1.text.as_str()), &labels);

    let found = dates::find(text);
    let dates = dates::resolve(text, &lines, &found, doc_type, title.as_ref().map(|t| t.0));
    let date_spans: Vec<Span> = dates.iter().map(|d| d.span).collect();
    let times = times::find(text, &date_spans);
    // Lines that start with a date: day headings that end a timed program.
    let date_lines: Vec<usize> = dates
        .iter()
        .filter_map(|d| {
            let li = text::line_of(&lines, d.span[0]);
            (lines[li].trimmed().0 == d.span[0]).then_some(li)
        })
        .collect();

    let (agenda, speakers) = agenda::find(text, &lines, &date_lines);
    let mut people = people::from_blocks(text, &lines);
    people.extend(people::from_signatures(text, &lines));
    people.extend(people::from_quotes(text, &lines));
    people.extend(speakers);
    people.extend(people::from_statements(text));
    let attendees = people::merge(people);
    let mut agenda = agenda;
    agenda::cut_known_speakers(&mut agenda, &attendees);

    let urls = fields::urls(text);
    let known: Vec<String> = attendees.iter().map(|a| a.name.clone()).collect();
    let contacts = fields::contacts(text, &lines, &known);
    let registration = fields::registration(text, &lines, &labels, &dates, &contacts, &urls);
    let deadlines = dates
        .iter()
        .filter(|d| d.role == DateRole::Deadline)
        .map(|d| {
            let s = lines[text::line_of(&lines, d.span[0])].trimmed().0;
            let (a, b) = text::trim_span(text, s.min(d.span[0]), d.span[1], &[]);
            Deadline {
                date: d.value.clone(),
                text: text::squash(&text[a..b]),
                span: [a, b],
            }
        })
        .collect();

    Fields {
        doc_type,
        title: title.map(|t| t.1),
        place: fields::place(text, &labels),
        organizers: fields::organizers(text, &lines, &labels),
        audience: fields::audience(text, &lines, &labels),
        fee: fields::fee(text, &lines, &labels, lang),
        registration,
        decisions: fields::decisions(text, &lines),
        dates,
        times,
        attendees,
        agenda,
        deadlines,
        contacts,
        urls,
    }
}
