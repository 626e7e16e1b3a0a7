# Svenska. Nycklarna är stabila; platshållare skrivs { $name }; plural enligt CLDR.


## language

language-name = Svenska

## start

start-greeting = Hej, { $name }! Jag är assistent för återkoppling hos { $shop }. Efter ett köp ställer jag två eller tre snabba frågor; dina svar går direkt till dem som kan rätta till saker. Skriv /help för att se vad jag kan.
start-greeting_anonymous = Hej! Jag är assistent för återkoppling hos { $shop }. Efter ett köp ställer jag två eller tre snabba frågor; dina svar går direkt till dem som kan rätta till saker. Skriv /help för att se vad jag kan.
start-owner = Hej! Jag är assistent för återkoppling hos { $shop }. Det här gör jag för dig som ägare: varje köp blir en kort enkät och varje missnöjt svar ett ärende som personalen hanterar i personalchatten med tidsgränser; du får en veckosammanfattning med diagram, ett meddelande när ett ärende är försenat och listan över åtgärder som verksamheten behöver göra.
start-manager = Hej! Jag är assistent för återkoppling hos { $shop }. Det här gör jag för dig som chef: kundernas ärenden kommer till personalchatten med tidsgränser; väntar ett för länge nämner jag dig där, och är ett försenat skriver jag till dig här.

## help

help-text =
    Det här kan jag:
    /complaint: skriv till en person (klagomål, frågor)
    /language: välj vilket språk jag talar
    /stop: inga fler enkäter (/start slår på dem igen)
    /mydata: vad vi sparar om dig
    /forget_me: radera dina personuppgifter
    /help: det här meddelandet

    Efter ett köp skickar jag en kort enkät med knappar: den tar { $duration }.

## language

language-choose = Välj språk:
language-changed = Klart: nu talar jag svenska.
language-unknown = Det språket finns inte.

## fallback

fallback-text = Jag förstår textkommandon och knappar. Skriv /help för att se vad jag kan.
fallback-unsupported = Den sortens meddelanden kan jag inte läsa än. Skriv gärna som text.
fallback-too_long = Meddelandet är för långt ({ $length } tecken; gränsen är { $limit }). Korta det gärna.

## button

button-stale = Den här knappen gäller inte längre.

## command

command-start = Start: vad boten gör
command-help = Vad jag kan
command-language = Välj språk

## start

start-welcome_back = Välkommen tillbaka! Enkäterna är på igen.
start-linked = Tack! Jag har hittat ditt köp och skickar en kort enkät lite senare.
start-linked_no_survey = Tack! Jag har hittat ditt köp; det blir ingen enkät om det. Du kan skriva till oss här när som helst.
start-linked_complaint = Tack! Ditt ärende #{ $number } ligger hos teamet: deras svar kommer hit, och du kan skriva till dem här också.
start-link_unknown = Den här länken gäller inte längre. Skriv /help för att se vad jag kan.
start-share_phone = Har du handlat hos oss? Dela ditt telefonnummer så hittar jag ditt köp (numret används bara till det).
start-share_phone_button = Dela mitt telefonnummer

## phone

phone-linked = Tack! Jag har hittat { $count ->
    [1] ditt köp
   *[other] dina köp ({ $count })
} och skickar en kort enkät lite senare.
phone-not_found = Tack! Inga köp med det här numret än; de kopplas så snart de kommer.
phone-not_own = Dela gärna din egen kontakt med knappen.

## survey

survey-invite =
    Tack för ditt köp! Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?
    0 = inte alls, 10 = mycket troligt
survey-reminder = En vänlig påminnelse: svaret tar { $duration } och hjälper oss mycket.
# Hur lång tid enkäten tar: sekunder under en minut, annars minuter (då 0 sekunder).
survey-duration = { $minutes ->
        [0] ungefär { $seconds } sekunder
        [1] ungefär en minut
       *[other] ungefär { $minutes } minuter
    }
survey-later = Inte nu
survey-never = Fråga inte igen
survey-followup-detractor = Det var tråkigt att höra. Vad gick fel? Välj det som stämmer, skriv gärna några ord och tryck sedan Nästa.
survey-followup-passive = Tack! Vad skulle göra det till en 10:a? Skriv några ord eller tryck Hoppa över.
survey-followup-promoter = Underbart! Vad tyckte du bäst om? Skriv några ord eller tryck Hoppa över.
survey-next = Nästa ▶
survey-skip = Hoppa över
survey-csat =
    Hur nöjd är du med det här köpet?
    1 = mycket missnöjd, 5 = mycket nöjd
survey-expectation = Jämfört med vad du förväntade dig var det:
survey-expectation-worse = Sämre
survey-expectation-as_expected = Som väntat
survey-expectation-better = Bättre
survey-thanks = Tack! Dina svar gick direkt till teamet.
# Tacket för en enkät vars svar öppnade ett ärende: ett meddelande i stället för två.
survey-thanks-complaint = Tack! Vi beklagar att det inte blev bra: dina svar är nu ärende #{ $number }, och en person i vårt team skriver till dig här senast { $at }. Du kan lägga till vad som helst (text, bilder) direkt i den här chatten.
survey-thanks-complaint_answer = Tack! Vi har lämnat dina svar vidare som ärende #{ $number }: någon i vårt team skriver till dig här senast { $at }. Du kan lägga till vad som helst (text, bilder) direkt i den här chatten.
survey-review = Om du har en minut får du gärna lämna ett offentligt omdöme: { $url }
survey-referral = Kul att du gillade det! Dela med en vän: { $url }
survey-dismissed_later = Inga problem. Tack för din tid!
survey-dismissed_never = Uppfattat: inga fler enkäter från mig. Skriv /start om du ändrar dig.
survey-closed = Den här enkäten är stängd. Tack!
survey-alert-closed = Den här enkäten är stängd.
survey-alert-done = Redan besvarat, tack!
survey-alert-done_web = Du har redan besvarat den här enkäten på dess webbsida. Tack!
survey-alert-thanks = Tack!
survey-use_buttons = Svara gärna med knapparna i enkäten ovan.
survey-comment_too_long = Det blev lite långt ({ $length } tecken); håll dig under { $limit }.
# Ett svar på en fråga som butiken lagt till, med frågans text (kortet, /mydata).
survey-answer = { $question } — { $answer }
survey-answer-scale = { $question } ({ $min }–{ $max }): { $answer }

## aspect

aspect-quality = Kvalitet
aspect-price = Pris
aspect-delivery = Leverans
aspect-staff = Personal
aspect-speed = Snabbhet
aspect-other = Annat

## stop

stop-done = Klart: inga fler enkäter från mig. Skriv /start för att slå på dem igen.
# /stop typed to the shop's own Telegram account: /start there does nothing
stop-done_account = Klart: vi skickar inga fler enkäter till dig.

## command

command-stop = Stäng av enkäter

## mydata

mydata-header = Det här sparar vi om dig:
mydata-profile =
    Namn: { $name }
    Användarnamn: { $username }
    Telefon: { $phone }
    Språk: { $language }
    Segment: { $segment }
    Enkäter: { $surveys }
mydata-survey = • Order { $order }: { $status }; NPS { $nps }, nöjdhet { $csat }, { $expectation }; kommentar: { $comment }
mydata-aspects = Vad gick fel: { $aspects }
mydata-none = saknas
mydata-status-waiting_link = väntar tills vi kan skriva till dig
mydata-status-scheduled = planerad
mydata-status-sent = väntar på ditt svar
mydata-status-answered = svar mottagna
mydata-status-expired = stängd utan svar
mydata-status-skipped = inte skickad
mydata-status-dismissed = avböjd
mydata-expectation-worse = sämre än väntat
mydata-expectation-as_expected = som väntat
mydata-expectation-better = bättre än väntat
mydata-expectation-none = inget svar om förväntningar
mydata-complaint = • Ärende #{ $number } från { $date }: { $status }; du skrev: { $text }
mydata-messages = Meddelanden till supporten: { $count }
mydata-more = Skriv /forget_me för att radera det.

## forget

forget-confirm = Radera ditt namn, användarnamn, telefonnummer, kommentarer och meddelanden? Dina anonyma betyg finns kvar i statistiken. Det går inte att ångra.
forget-yes = Ja, radera
forget-no = Avbryt
forget-done = Klart: dina personuppgifter är raderade. Skriv /start om du vill prata igen.
forget-done_account = Klart: dina personuppgifter är raderade.
forget-cancelled = Avbrutet: inget raderades.

## command

command-mydata = Vad ni sparar om mig
command-forget_me = Radera mina uppgifter
command-complaint = Skriv till en person

## complaint

complaint-opened-low_score = Vi beklagar att det inte blev bra. Ditt svar är nu ärende #{ $number }: en person i vårt team skriver till dig här senast { $at }. Du kan lägga till vad som helst (text, foton) direkt i den här chatten.
complaint-opened-survey_answer = Tack för att du berättade. Vi har lämnat det vidare som ärende #{ $number }: någon i vårt team skriver till dig här senast { $at }. Du kan lägga till vad som helst (text, bilder) direkt i den här chatten.
complaint-opened-message = Tack, ditt meddelande har gått till vårt team som ärende #{ $number }. En person svarar dig här senast { $at }; allt du skriver här når dem också.
complaint-opened-command = Berätta vad som hände: skriv det här (text, foton, dokument). Det är ärende #{ $number }; en person svarar dig här senast { $at }.
complaint-already_open = Ditt ärende #{ $number } är fortfarande öppet: skriv bara här så når det vårt team.
complaint-story_received = Tack, det har nått vårt team som ärende #{ $number }. Allt du skriver här når dem också.
complaint-resolved-question = Vårt team har markerat ärende #{ $number } som löst. Är ditt problem löst?
complaint-resolved-yes = Ja, löst
complaint-resolved-no = Nej, inte än
complaint-resolved-thanks = Tack för bekräftelsen. Ärende #{ $number } är stängt.
complaint-resolved-reopened = Vi beklagar. Ärende #{ $number } är öppet igen och vårt team arbetar vidare.
complaint-resolved-already = Du har redan svarat på det här.
complaint-card-title = Ärende #{ $number }
complaint-status-open = öppet
complaint-status-taken = pågår
complaint-status-resolved = väntar på kundens bekräftelse
complaint-status-closed = stängt
complaint-card-key = ⭐ Nyckelkund
complaint-card-forgotten = kunden har raderat sina uppgifter
complaint-card-no_name = inget namn
complaint-card-segment = segment { $segment }
complaint-card-customer = Kund: { $customer }
# The name the shop gave, and beside it the one in Telegram when it differs (cards, lists, /mydata).
complaint-card-telegram_name = { $name } (Telegram: { $telegram })
complaint-card-order = Order { $order }
complaint-card-branch = butik { $branch }
complaint-card-aspects = Vad gick fel: { $aspects }
complaint-card-source-low_score = Från ett enkätsvar.
complaint-card-source-low_score_web = Från ett enkätsvar, via webben (enkätens sida från kvittot).
complaint-card-reply_web = Svaren går till kundens webbsida (ingen Telegram).
complaint-card-source-command = Kunden öppnade det själv med /complaint.
complaint-card-source-message = Kunden skrev till boten.
complaint-card-source-business = Kunden skrev till butikens Telegramkonto.
complaint-card-due-take = Ta senast { $at }
complaint-card-due-resolve = Lös senast { $at }
complaint-card-taken_by = Hanteras av { $name }
complaint-card-reopened = Återöppnat av kunden: { $times }×
complaint-card-confirmed = Kunden har bekräftat att det är löst.
complaint-card-reply_hint = Svara på det här kortet för att svara kunden; börja med ! för en intern anteckning.
complaint-card-expectation-worse = sämre än väntat
complaint-card-expectation-as_expected = som väntat
complaint-card-expectation-better = bättre än väntat
complaint-button-take = Ta
complaint-button-resolve = Löst
complaint-button-history = Historik
complaint-summary-title = 🌩 { $count ->
    [one] { $count } nytt ärende
   *[other] { $count } nya ärenden
} på en gång (samlade så att chatten inte översvämmas):
complaint-summary-hint = Tryck på ett nummer för att öppna dess kort.
complaint-sla-manager = jourhavande chef
complaint-sla-nobody = ingen
complaint-sla-take_reminder = ⏰ Ärende #{ $number } ({ $customer }) har väntat { $waited } och ingen har tagit det.
complaint-sla-unseen = ⚠️ Boten kan inte skriva i personalchatten, så personalen ser inte ärendet: se botens meddelande om personalchatten.
complaint-sla-escalation = 🚨 Ärende #{ $number } ({ $customer }) var inte löst senast { $due }. Hanteras av: { $holder }.
complaint-sla-escalation_assigned = 🚨 Ärende #{ $number } ({ $customer }) var inte löst senast { $due }. Tilldelat { $holder }, ännu inte taget.
complaint-alert-yours = Ärende #{ $number } är redan ditt.
complaint-alert-already_taken = Ärende #{ $number } är redan taget av { $name }.
complaint-alert-already_resolved = Ärende #{ $number } är löst och väntar på kundens svar.
complaint-alert-already_closed = Ärende #{ $number } är stängt.
complaint-alert-taken = Ärende #{ $number } är ditt nu. Svara på dess kort för att svara kunden.
complaint-alert-resolved = Löst. Kunden ombeds bekräfta.
complaint-alert-resolved_unasked = Stängt. Kunden kan inte nås för bekräftelse.
complaint-alert-card_exists = Kortet för #{ $number } finns redan i chatten.
complaint-alert-not_staff = Bara medlemmar i personalchatten kan göra det här.
complaint-alert-check_failed = Telegram kunde inte bekräfta att du är personal just nu. Försök igen om en minut.
complaint-history-title = Historik för ärende #{ $number }:
complaint-history-from_customer = kund
complaint-history-to_customer = personal
complaint-history-note = anteckning
complaint-history-note_by = { $name } (anteckning)
complaint-history-empty = (inga meddelanden än)
complaint-history-confirmed = kunden bekräftade att det är löst
complaint-reopened = ↩️ Kunden säger att ärende #{ $number } INTE är löst. Det är öppet igen och klockan har startat om.
complaint-relay-closed = Ärende #{ $number } är stängt; detta skickades inte. Kunden kan skriva igen för att öppna ett nytt.
complaint-relay-forgotten = Kunden i #{ $number } har raderat sina uppgifter; inget kan skickas.
complaint-relay-no_telegram = Kunden i #{ $number } svarade på enkätens webbsida, har ännu ingen Telegramchatt med boten och har inte valt att följa svaret på en egen sida: inget kan skickas. Sidan erbjöd båda; ring om ni har numret.
complaint-relay-unreachable = Kunden i #{ $number } har blockerat boten; detta levererades inte.
complaint-relay-business_off = Butikens Telegramkonto har stängt av boten; svaret om #{ $number } skickades inte. Ditt meddelande finns kvar här: skicka det igen när boten är på, eller svara från kontot.
complaint-relay-business_no_reply = Boten får inte svara från butikens Telegramkonto (ingen rätt att svara); svaret om #{ $number } skickades inte. Ditt meddelande finns kvar här: svara från kontot i Telegram-appen, eller ge boten rätten.
complaint-relay-business_window = Telegram låter boten svara från butikens konto bara inom 24 timmar efter kundens senaste meddelande; svaret om #{ $number } skickades inte. Ditt meddelande finns kvar här: svara från kontot i Telegram-appen.
complaint-relay-business_kind = Den här sortens meddelande kan inte skickas från butikens Telegramkonto; svaret om #{ $number } skickades inte. Skicka text, ett foto eller en fil.
complaint-list-open = Öppna ärenden ({ $count }):
complaint-list-mine = Dina ärenden ({ $count }):
complaint-list-none = Inga. 🎉
complaint-list-more = …och fler.
complaint-find-usage = Skriv vad du söker efter /find: ett ärendenummer, ett ordernummer, ett namn, ett telefonnummer eller ord kunden skrev, och tema:namn för ärenden om ett tema. Exempel: /find trasigt lock, /find tema:leverans
complaint-find-no_theme = Det finns inget tema «{ $theme }». Teman: { $themes }.
complaint-find-none = Inget hittades för «{ $query }».
complaint-find-title = Hittat för «{ $query }», nyaste först:
complaint-find-more = …visar de { $count } nyaste; lägg till ett ord för att avgränsa.
complaint-card-assigned_to = Tilldelat { $name } (inte taget än)
complaint-button-assign = Tilldela
complaint-assign-unnamed = Medarbetare { $id }
complaint-assign-nobody = Ingen att tilldela än: listan har chattens administratörer, personerna i STAFF_IDS och alla som har gjort något i chatten.
complaint-assign-back = ← Tillbaka
complaint-assign-choose = Vem ska hantera ärende #{ $number }?
complaint-assign-done = Ärende #{ $number } är tilldelat { $name }.
complaint-assign-history = Tilldelat { $name }
complaint-assign-private_by = 📌 { $name } har tilldelat dig ärende #{ $number } ({ $customer }). Svara på dess kort i personalchatten för att svara kunden.
complaint-assign-private_turn = 📌 Ärende #{ $number } ({ $customer }) är tilldelat dig, i tur och ordning. Svara på dess kort i personalchatten för att svara kunden.
complaint-sla-assigned = Tilldelat: { $name }.
saved-bad_name = Ett namn är ett ord (bokstäver, siffror, - och _), högst 32 tecken, med språket efter ett kolon om det inte är standardspråket, t.ex. refund:ru (språk: { $languages }).
saved-too_long = Det är för långt: ett sparat svar är högst { $most } tecken.
saved-added = «{ $name }» ({ $language }) sparat. Personalen skickar det med /saved { $name } som svar på ett ärendes kort.
saved-replaced = «{ $name }» ({ $language }) ersatt.
saved-unknown = Det finns inget sparat svar «{ $name }».
saved-deleted = «{ $name }» borttaget.
saved-usage = /saved: listan · /saved add NAMN TEXT (NAMN:ru för ett annat språk; {"{"}name{"}"} och {"{"}order{"}"} fylls i) · /saved del NAMN
saved-none = Inga sparade svar än.
saved-title = Sparade svar:
saved-more = …och fler.
saved-known = Sparade svar: { $names }
saved-where = Skicka /saved NAMN som svar på ett ärendes kort, eller i dess ämne.
saved-sent = ↪️ «{ $name }» skickat till kunden i ärende #{ $number }.
events-stuck = ⚠️ Händelser når inte { $url }: en har väntat i { $hours } h. Senaste svaret: { $error }. Inget går förlorat: de sparas och skickas igen i 72 timmar. Kontrollera mottagaren, sedan <code>python -m bot events test</code>.
events-redirect = ↪️ Mottagaren omdirigerar till { $location }: händelser följer aldrig en omdirigering (den kunde skicka dem vart som helst). Om adressen är rätt, ange den i EVENTS_URL.
events-recovered = ✅ Händelser når { $url } igen; det som väntat levereras nu.
business-connected = 🔗 Telegramkontot { $account } har kopplat in boten som chattbot: det kunder skriver till kontot kommer nu till personalchatten som ärenden, och personalens svar skickas från kontot.
business-changed = 🔗 Telegramkontot { $account } ändrade vad boten får göra.
business-disabled = ⛔ Telegramkontot { $account } stängde av eller tog bort boten: det kunder skriver till kontot når inte längre personalchatten, och svar till dem kan inte skickas från kontot. Slå på den igen: Telegram → Inställningar → Telegram Business → Chattbottar.
business-may = Boten får: { $rights }
business-may_not = Boten får inte: { $rights }
business-right-can_reply = svara kunder från kontot (inom 24 timmar efter deras senaste meddelande)
business-right-can_read_messages = markera deras meddelanden som lästa
business-no_reply_hint = Utan rätten att svara når personalens svar inte kunder som bara skrivit till kontot. Ge den i Telegram: Inställningar → Telegram Business → Chattbottar → boten → ”Svara på meddelanden”.
mail-stuck = ✉️ E-post till kunder går inte iväg: ett meddelande har väntat i { $hours } h ({ $count } väntar). E-postservern svarade senast: { $error }. Inget går förlorat: meddelandena sparas och skickas igen i 72 timmar. Kontrollera SMTP_URL och MAIL_FROM.
mail-recovered = ✅ E-post till kunder går iväg igen; det som väntat skickas nu.
mail-given_up = ✉️ { $count ->
    [one] Ett e-postmeddelande till en kund kunde inte levereras och har getts upp
   *[other] { $count } e-postmeddelanden till kunder kunde inte levereras och har getts upp
}. E-postservern svarade: { $error }

## duration

duration-seconds = { $n } s
duration-minutes = { $n } min
duration-hours = { $h } h { $m } min
duration-whole_hours = { $h } h

## complaint

complaint-relay-failed = ⚠️ Svaret om #{ $number } nådde inte kunden: { $error }
complaint-relay-roundup = { $count ->
    [one] Ytterligare { $count } meddelande hölls
   *[other] Ytterligare { $count } meddelanden hölls
} tillbaka för att inte översvämma chatten (Historik visar alla); det senaste: «{ $latest }»
complaint-relay-owner = 🏪 #{ $number } · { $name } svarade från butikens konto: «{ $text }»
complaint-relay-edited = ✏️ #{ $number } · kunden ändrade sitt meddelande: «{ $text }»
complaint-relay-deleted = 🗑 #{ $number } · kunden raderade { $count ->
    [one] ett meddelande
   *[other] { $count } meddelanden
} i chatten med butikens konto.

## digest

digest-title-weekly = 📊 Veckosammanfattning, { $period }
digest-title-report = 📊 Rapport, { $period }
digest-title-digest = 📊 De senaste 7 dagarna, { $period }
digest-branch_only = Butik: { $branch }
digest-no_answers = inga svar
digest-too_few = för få svar
digest-too_few_n = för få svar för att säga något (n={ $n })
digest-nps = NPS { $nps }
digest-nps_too_few = NPS: för få svar för att säga något (n={ $n })
digest-change-signal = { $arrow } { $delta } mot föregående period: större än bruset (±{ $margin })
digest-change-noise = { $arrow } { $delta } mot föregående period: inom bruset (±{ $margin }), ingen verklig förändring
digest-change-none = Inga svar att jämföra med i föregående period.
digest-shares = Promotorer { $promoters } · passiva { $passives } · kritiker { $detractors }
digest-response = Svarsfrekvens { $rate } ({ $answered } svarade av { $invited } inbjudna)
digest-csat = CSAT { $csat }/5 · jämfört med förväntningarna: sämre { $worse }, som väntat { $as_expected }, bättre { $better }
digest-question-scale = { $question } — snitt { $mean } (n={ $n })
digest-question-scale_change = { $question } — snitt { $mean }, { $change } mot föregående period (n={ $n })
digest-question-choice = { $question } — vanligast: { $option } ({ $share }, n={ $n })
digest-complaints = Ärenden: { $opened } öppnade{ $split }, { $resolved } lösta, { $still_open } fortfarande öppna
digest-complaints_awaiting = Ärenden: { $opened } öppnade{ $split }, { $resolved } lösta (varav { $awaiting } väntar på kundens svar), { $still_open } fortfarande öppna
# Varifrån de öppnade kom: bara när båda slagen finns (bot/reports/sources.py).
digest-complaints_sources = { $answers } efter enkätsvar, { $messages } { $messages ->
    [one] meddelande
   *[other] meddelanden
}
digest-complaints_only_messages = alla meddelanden
digest-complaints_overdue = , varav { $overdue } försenade
digest-undelivered = ⚠️ Meddelanden som Telegram inte levererade: { $failed } · kunder som blockerade boten: { $blocked }
digest-sla = Tagna i tid { $take }, lösta i tid { $resolve } · median till tagen { $median_take }, till löst { $median_resolve } · kunderna bekräftade lösningen: { $satisfied }
digest-sla_business = Tagna i tid { $take }, lösta i tid { $resolve } · median till tagen { $median_take }, till löst { $median_resolve } i öppettid ({ $wall_take } och { $wall_resolve } av väntan för kunden) · kunderna bekräftade lösningen: { $satisfied }
digest-team = Teamet (bara för ägare; periodens ärenden, efter vem som har dem):
digest-team_person = • { $name }: tog { $taken }, löste { $resolved } · median till tagen { $take }, till löst { $resolve } · kunden bekräftade { $confirmed } av { $answered }
digest-by_branch = Per butik: { $groups }
digest-by_segment = Per segment: { $groups }
digest-by_branch_none = utan filial
digest-by_segment_none = övriga kunder
segment-key = nyckelkunder
digest-aspects = Kritikerna nämner oftast: { $aspects }
digest-themes = Kritikerna skriver mest om: { $themes }
digest-comments = Vad kritikerna sa:
digest-daily-title = ☀️ Daglig översikt: { $open ->
    [one] { $open } öppet ärende
   *[other] { $open } öppna ärenden
}, { $overdue } försenade
digest-refused = Det här kommandot är för ägarna.
digest-report_usage = Använd: /report 2026-10-01 2026-10-31 (från och till, inklusive).
digest-export_usage = Skriv /export för de senaste 90 dagarna, eller /export 2026-10-01 2026-10-31 (från och med, till och med).
digest-export_caption = { $kind ->
    [responses] Enkätsvar
   *[complaints] Ärenden
}: { $rows ->
    [one] { $rows } rad
   *[other] { $rows } rader
}, { $period }
digest-failed = Rapporten kunde inte skapas. Felet finns i loggen; försök igen senare.
digest-preparing = Förbereder, ett ögonblick…
digest-too_big = för stor för Telegram; använd python -m bot export eller API:t

## menus and help for staff and owners

command-open = Pågående ärenden
command-mine = Mina ärenden
command-find = Sök ärenden
command-saved = Sparade svar
command-digest = De senaste 7 dagarna
command-report = Rapport för en period
command-export = Enkätsvar och ärenden som CSV
## corrective actions (after a complaint is resolved)

corrective-question-title = 📝 <b>Ärende #{ $number } är löst. Vad gjordes?</b>
corrective-question-cause = Vad var orsaken? Välj nedan, eller Hoppa över.
corrective-question-action = Svara på det här meddelandet med en rad: vad som gjordes.
corrective-line-cause = Orsak: { $cause } ({ $name })
corrective-line-action = Gjort: { $action } ({ $name })
corrective-line-fix_needed = 🔧 Behöver åtgärdas i verksamheten (markerat av { $name }, { $at })
corrective-line-fix_done = ✅ Åtgärdat i verksamheten ({ $name }, { $at })
corrective-cause-skipped = hoppades över
corrective-cause-unrecorded = inte angiven
corrective-button-fix = 🔧 Behöver åtgärdas i verksamheten
corrective-button-fix_on = 🔧 Behöver åtgärdas ✓ (tryck för att ångra)
corrective-button-skip = Hoppa över
corrective-alert-saved = Sparat.
corrective-alert-same = Det är redan valt.
corrective-alert-reopened = Ärende #{ $number } öppnades igen. Orsaken frågas på nytt när det är löst.
corrective-alert-fix_done = Åtgärden för #{ $number } är redan markerad som klar.
corrective-alert-fix_marked = #{ $number } står nu på ägarnas åtgärdslista (/actions).
corrective-alert-fix_unmarked = #{ $number } är borttaget från åtgärdslistan.

command-actions = Åtgärder verksamheten är skyldig
fixes-title = 🔧 <b>Åtgärder verksamheten är skyldig ({ $count })</b>
fixes-none = Inget att åtgärda just nu. 🎉
fixes-more = …och fler: markera de här som klara för att se resten.
fixes-hint = Personalen markerar ett löst ärende med ”behöver åtgärdas i verksamheten”; tryck på numret när det är åtgärdat.
fixes-since = markerat av { $name }, { $at }
fixes-button = ✅ #{ $number }
fixes-done = #{ $number } är markerat som åtgärdat.
fixes-already = #{ $number } var redan markerat som åtgärdat.
fixes-refused = Bara ägarna kan markera åtgärder som klara.

fixed-title = 🛠 Det här åtgärdade vi
fixed-causes = Lösta ärenden per orsak: { $causes }
fixed-top = Vanligaste orsaken: { $cause }, { $count ->
    [one] { $count } ärende
   *[other] { $count } ärenden
    }, { $trend }.
fixed-top_first = Vanligaste orsaken: { $cause }, { $count ->
    [one] { $count } ärende
   *[other] { $count } ärenden
    }.
fixed-up = upp från { $previous }
fixed-down = ner från { $previous }
fixed-same = lika många som förra perioden
fixed-done = ✅ Åtgärdat i verksamheten: #{ $number }{ $cause }{ $action }
fixed-done_more = …och { $count } till.
fixed-open = 🔧 Åtgärder som återstår: { $count } (/actions)
fixed-theme = 📉 { $theme } sedan åtgärd #{ $number } ({ $days } { $days ->
    [one] dag
   *[other] dagar
} före och efter): nämnt { $before } → { $after } ({ $verdict }); av kritiker { $detractors_before } → { $detractors_after } ({ $detractors_verdict })
fixed-theme_early = 📉 { $theme }: åtgärd #{ $number } gjordes för mindre än ett dygn sedan, för tidigt att säga
fixed-verdict_down = färre, större än bruset (±{ $noise })
fixed-verdict_up = fler, större än bruset (±{ $noise })
fixed-verdict_same = inom bruset (±{ $noise }), ingen verklig förändring
fixed-verdict_few = för få för att säga

## the survey's web page (PUBLIC_URL/s/…, a receipt's QR code)

web-page_title = Din återkoppling
web-language_name = Svenska
web-words = Några ord, om du vill
web-send = Skicka
web-done_telegram = Du har redan besvarat den här enkäten i Telegram. Tack!
web-no_survey = Det finns ingen enkät för det här köpet. Tack för att du handlade hos oss!
web-never_done = Uppfattat: vi frågar dig inte igen. Tack för att du handlade hos oss!
web-complaint = Vi beklagar att det blev fel. Teamet har fått ditt svar och tittar på saken.
web-complaint_telegram = Vill du få teamets svar i Telegram, fortsätt där:
web-continue_telegram = Fortsätt i Telegram
web-reply_telegram = Teamets svar kommer till dig i Telegram.
web-review = Skriv en offentlig recension
web-invalid = Det svaret finns inte bland frågans alternativ. Välj igen.
web-later = Svara på frågorna i tur och ordning: här är den som står på tur.
web-too_long = Det blev lite långt; håll dig under { $limit } tecken.
web-slow_down = För många svar på kort tid. Vänta några minuter och försök sedan igen.
web-follow_or = Eller följ svaret här, på en egen sida:
web-follow = Följ på min sida
web-follow_open = Öppna min sida
web-follow_email = Din e-post, så hör du när teamet svarar (frivilligt)
web-bad_email = Det ser inte ut som en e-postadress. Kontrollera den eller lämna fältet tomt.
conv-title = Ärende #{ $number }
conv-you = Du
conv-team = Teamet
conv-open = Teamet har fått ditt ärende. Deras svar visas på den här sidan.
conv-reopened = Du svarade att problemet inte är löst: teamet arbetar med det igen.
conv-closed = Ärendet är avslutat. Tack!
conv-empty = Inga svar än. Spara sidan: teamets svar visas här.
conv-attachment = (en bilaga som den här sidan inte kan visa)
conv-write = Skriv till teamet
conv-empty_message = Skriv några ord först.
conv-email_on = Vi mejlar också { $email } när teamet svarar.
conv-email_stop = Sluta mejla
conv-email_ask = Mejla mig när teamet svarar
conv-email_save = Spara
conv-forget = Glöm mig
conv-forget_confirm = Radera det du skrev, ditt telefonnummer och din e-post? Dina anonyma betyg finns kvar i statistiken. Det går inte att ångra.
conv-ended = Samtalet är avslutat. Tack för att du skrev till oss!
conv-unsubscribe = Sluta mejla om ärende #{ $number }?
conv-unsubscribed = Klart: inga fler mejl om det här ärendet. Teamets svar finns kvar på dess sida.
conv-mail-subject = Svar på ditt ärende #{ $number }
conv-mail-subject_resolved = Är problemet löst? Ärende #{ $number }
conv-mail-reply = Teamet har svarat på ditt ärende #{ $number }:
conv-mail-resolved = Teamet har markerat ärende #{ $number } som löst. Är problemet verkligen löst? Svara gärna på ärendets sida.
conv-mail-link = Öppna samtalet
conv-mail-why = Du får det här mejlet eftersom du lämnade din adress på ärendets sida.
conv-mail-stop = Sluta skicka de här mejlen

## bring a friend

survey-referral_personal = Känner du någon som också skulle gilla oss? Vidarebefordra nästa meddelande: det är din personliga inbjudan.
referral-invitation = 🎁 Jag rekommenderar { $shop }. { $offer }
    Här är länken: { $link }
shop-greeting = butiken
shop-greeting_named = { $name }
shop-recommended = den här butiken
shop-recommended_named = { $name }
referral-share = Dela med en vän
referral-welcome = 👋 En vän bjöd in dig – välkommen!
referral-own_link = Det där är din egen inbjudningslänk: den är till dina vänner, inte till dig.
referral-thanks = 🎉 En vän du bjöd in har gjort sitt första köp. Tack för att du rekommenderar oss!

advocates-counts = 👥 Tipsa en vän: { $sent ->
    [one] { $sent } inbjudningslänk skickad
   *[other] { $sent } inbjudningslänkar skickade
    }, { $joined ->
    [one] { $joined } vän anslöt
   *[other] { $joined } vänner anslöt
    }, { $purchased } handlade
advocates-top = Bästa ambassadörer (vänner som handlade): { $advocates }

## staff pulse (eNPS)

pulse-question = 🤝 Anonym teampuls: hur troligt är det att du skulle rekommendera en vän att jobba här?
    0 = inte alls, 10 = absolut.
    Svaren sparas utan ditt namn och ägarna ser bara summor, och bara när minst { $minimum } kollegor har svarat.
pulse-comment = Tack! En fråga till, frivillig: vad skulle göra det lättare att ge kunderna bra service? Skriv det i ett meddelande, eller tryck Hoppa över.
pulse-skip = Hoppa över
pulse-thanks = Tack! Dina svar sparas utan ditt namn.
pulse-already = Redan besvarat, tack!
pulse-comment_text_only = Skriv ditt svar som text, eller tryck Hoppa över under frågan.
pulse-digest = 🤝 Teampuls (eNPS, omgången { $date }): { $enps }, { $asked } tillfrågade
pulse-digest_too_few = 🤝 Teampuls (omgången { $date }): för få svar för att visa något ({ $answers }; minst { $minimum } håller dem anonyma)
pulse-digest_comments = Vad skulle göra servicen lättare (i slumpvis ordning):

help-staff =
    I den här chatten:
    • svara på ett ärendes kort (eller skriv i dess ämne) så når svaret kunden; den som svarar först tar ärendet
    • börja ett meddelande med ! för en anteckning som bara teamet ser (ett svar på en anteckning är också en)
    • kortets knappar: Ta, Tilldela (välj vem som hanterar ärendet: hen får ett privat meddelande), Löst, Historik
    • efter Löst frågar boten om orsaken och vad som gjordes: välj en orsak och svara på frågan med en rad
    /open: pågående ärenden
    /mine: de ärenden du har
    /find TEXT: ärenden efter nummer, order, namn, telefon eller ord
    /saved NAMN (som svar på ett kort): skicka ett sparat svar; /saved listar dem
help-manager =
    För chefer:
    /dashboard: en inloggningslänk till översikten (ärenden, teamet)
    /saved: teamets sparade svar (lägg till, ta bort)
help-owner =
    För ägare:
    /digest: de senaste 7 dagarna
    /report 2026-10-01 2026-10-31: valfri period
    /export: enkätsvar och ärenden som kalkylblad (de senaste 90 dagarna, eller mellan två datum)
    /actions: åtgärder verksamheten är skyldig (från lösta ärenden)
    /dashboard: en inloggningslänk till panelen (siffror och filialer i webbläsaren)
    /saved: teamets sparade svar (lägg till, ta bort)
    Butikens eget Telegram-konto som kundtjänst: slå först på Business Mode för den här botten i @BotFather (Bot Settings → Business Mode), sedan i Telegram: Inställningar → Telegram Business → Chattbottar → den här botten. Det kunderna skriver till kontot kommer då till personalchatten som ärenden, och personalen svarar från kontot.

## chart and quiet periods

chart-band = 95 %-intervall
chart-too_few = För få svar
chart-too_few_note = NPS räknas fram från { $fewest } svar; staplarna nedan visar svaren hittills.
chart-nps_axis = NPS (−100 till +100)
chart-period_axis = Periodens början
chart-score_axis = Betyg (0–10)
chart-answers_axis = Svar
chart-detractors = Kritiker (0–6)
chart-passives = Passiva (7–8)
chart-promoters = Ambassadörer (9–10)
chart-caption = { $period } · { $n ->
    [one] { $n } svar
   *[other] { $n } svar
}
digest-quiet = En lugn period: inga enkäter skickades, inga svar och inga ärenden kom in.
digest-no_answers_yet = Inga svar än: { $invited ->
    [one] { $invited } kund inbjuden
   *[other] { $invited } kunder inbjudna
}.

## times

time-today = { $time } i dag
time-tomorrow = { $time } i morgon
time-date = { $time }

## the staff group or digest chat moved by Telegram

chat-moved-staff = ⚠️ Telegram har uppgraderat personalgruppen till en supergrupp (det händer när man slår på Ämnen eller gör gruppen offentlig), och den har ett nytt id: { $new } (var { $old }). Boten följer med: klagomål hamnar där från och med nu{ $reposted ->
    [0] .
    [one] , och kortet för det { $reposted } öppna klagomålet har skickats dit igen.
   *[other] , och korten för de { $reposted } öppna klagomålen har skickats dit igen.
} Ändra STAFF_CHAT_ID={ $new } i botens inställningar när det passar.
chat-moved-digest = ⚠️ Telegram har uppgraderat sammanfattningschatten till en supergrupp med ett nytt id: { $new } (var { $old }). Sammanfattningarna går dit från och med nu. Ändra DIGEST_CHAT_ID={ $new } i botens inställningar när det passar.

## the bot removed from the staff chat, and back

chat-lost = 🚫 Boten kan inte skriva i personalchatten ({ $chat }): { $reason }. Ingen där ser nya klagomål nu. Lägg till boten i gruppen igen (som administratör om gruppen använder Ämnen), eller kontrollera STAFF_CHAT_ID. Under tiden går inget förlorat: nya klagomål väntar och skickas dit, påminnelser kommer till dig här.
chat-back = ✅ Boten är tillbaka i personalchatten. { $waiting ->
    [0] Inget väntade.
    [one] { $waiting } klagomål som väntade skickas dit nu.
   *[other] { $waiting } klagomål som väntade skickas dit nu.
}
chat-privacy = 🙈 Boten kan missa vad personalen skriver i ett klagomåls ämne: dess integritetsläge är på och den är inte administratör i personalgruppen (svar på dess egna meddelanden når den ändå). Gör boten till administratör i gruppen, eller skicka /setprivacy till @BotFather, välj boten, Disable, ta sedan bort boten ur gruppen och lägg till den igen.

## a customer's thanks

thanks-welcome = Varsågod! 😊 Om något dyker upp är det bara att skriva här.

## importing purchases (python -m bot import-purchases, said to the operator)

import-column_unclear = rad 1, kolumn { $column } ”{ $header }”: ser ut som { $field }, men den rubriken känner jag inte igen, så värdena skulle gå förlorade. Döp om den till { $code } (eller ett vanligt namn, se docs/http-api.md), eller ta bort kolumnen om den innehåller något annat. Inget importerades.
import-column_twice = rad 1: kolumnerna { $first } ”{ $first_header }” och { $second } ”{ $second_header }” betyder båda { $field }: behåll en, ta bort eller döp om den andra. Inget importerades.
import-no_order_column = ingen kolumn med ordernummer (order_id). Hittade: { $found }. Krävs: order_id och en av { $identifiers }; valfritt { $optional }.
import-no_customer_column = ingen kolumn som visar vem kunden är. Hittade: { $found }. Krävs: order_id och en av { $identifiers }; valfritt { $optional }.
import-empty = filen är tom: den har varken rubrikrad eller rader. Inget importerades.
import-old_xls = det här är en gammal Excel-fil (.xls, Excel 97–2003), som inte kan läsas: öppna den i Excel eller LibreOffice och spara den som Excel-arbetsbok (.xlsx) eller som CSV. Inget importerades.
import-unreadable_xlsx = filen går inte att läsa som en .xlsx-arbetsbok ({ $error })
import-field-order_id = ordernumret
import-field-telegram_id = Telegram-id:t
import-field-phone = telefonnumret
import-field-external_id = kundnumret
import-field-name = kundens namn
import-field-language = språket
import-field-segment = segmentet
import-field-timezone = tidszonen
import-field-amount = beloppet
import-field-currency = valutan
import-field-branch = butiken
import-field-purchased_at = köpdatumet

## export (the .xlsx workbooks' sheets, column titles and codes)
export-sheet-responses = Enkätsvar
export-sheet-complaints = Ärenden
# The names of the files /export sends (`python -m bot export` keeps English names).
export-file-responses = svar
export-file-complaints = ärenden
export-yes = ja
export-no = nej
export-column-id = Nr
export-column-order_id = Order
export-column-branch = Filial
export-column-segment = Segment
export-column-customer_name = Kund
export-column-telegram_name = Namn i Telegram
export-column-phone = Telefon
export-column-sent_at = Inbjuden
export-column-answered_at = Svarade
export-column-status = Status
export-column-nps = NPS-betyg
export-column-csat = Nöjdhet (1–5)
export-column-expectation = Jämfört med förväntningarna
export-column-aspects = Vad det gällde
export-column-comment = Kommentar
export-column-themes = Teman
export-column-referred = Kom via en vän
export-column-channel = Besvarad via
export-column-source = Öppnat från
export-column-created_at = Öppnat
export-column-taken_at = Tagit
export-column-taken_by_name = Hanteras av
export-column-resolved_at = Löst
export-column-closed_at = Stängt
export-column-reopened = Gånger återöppnat
export-column-resolution_satisfied = Kunden bekräftade lösningen
export-column-take_due = Tas senast
export-column-resolve_due = Löses senast
export-column-text = Vad kunden skrev
export-column-cause = Orsak
export-column-action = Vad som gjordes
export-column-fix_needed_at = Åtgärd behövs sedan
export-column-fix_done_at = Åtgärd gjord
export-survey_status-waiting_link = väntar på att kunden öppnar länken
export-survey_status-scheduled = schemalagd
export-survey_status-sent = skickad, inget svar än
export-survey_status-answered = besvarad
export-survey_status-expired = stängd utan svar
export-survey_status-skipped = inte skickad
export-survey_status-dismissed = kunden avböjde
export-source-low_score = ett svar i enkäten
export-source-command = kommandot /complaint
export-source-message = ett meddelande till boten
export-source-account_message = ett meddelande till butikens Telegram-konto
export-channel-telegram = Telegram
export-channel-web = webbsidan

## the owners' dashboard

dashboard-title = Kundernas omdömen
dashboard-signin-go = Logga in
dashboard-signin-how = Logga in med /dashboard i din privata chatt med boten: den skickar en engångslänk (eller, där butiken har ställt in det, en knapp som öppnar sidan i Telegram). Serverns administratör kan också skriva ut en länk med python -m bot dashboard-link --user ID.
dashboard-link_used = Den här inloggningslänken är använd, för gammal eller okänd. Be boten om en ny med /dashboard.
dashboard-slow_down = För många inloggningsförsök härifrån: vänta en minut.
dashboard-from = Från
dashboard-to = Till
dashboard-branch = Filial
dashboard-team = Teamet: periodens ärenden efter vem som har dem
dashboard-team_name = Person
dashboard-team_taken = Tagna
dashboard-team_resolved = Lösta
dashboard-team_take = Mediantid till tagen
dashboard-team_resolve = Mediantid till löst
dashboard-team_confirmed = Bekräftat av kunden
dashboard-accounts = Butikens Telegramkonton som boten svarar för
dashboard-accounts-account = Konto
dashboard-accounts-rights = Boten får
dashboard-accounts-state = Boten
dashboard-accounts-on = på
dashboard-accounts-off = av eller borttagen
dashboard-accounts-since = Inkopplad
dashboard-accounts-nothing = inget av det den använder
dashboard-accounts-note = Kopplas in i kontots Telegram: Inställningar → Telegram Business → Chattbottar (när botens Business Mode är påslaget i @BotFather: Bot Settings → Business Mode). Det kunder skriver där kommer till personalchatten.
dashboard-all_branches = Alla filialer
dashboard-show = Visa
dashboard-signout = Logga ut
dashboard-chart = NPS och svaren 0–10
dashboard-tile-response = Svarsfrekvens
dashboard-tile-invited = { $answered } av { $invited } inbjudna
dashboard-tile-csat = Nöjdhet (CSAT)
dashboard-tile-csat_scale = i snitt, 1 till 5
dashboard-tile-open = Ärenden som fortfarande är öppna
dashboard-tile-overdue = { $count } försenade
dashboard-tile-opened = { $count } öppnade under perioden
dashboard-tile-answers = { $n ->
    [one] { $n } svar
   *[other] { $n } svar
}
dashboard-tile-change_signal = { $arrow } { $delta } mot förra perioden: en verklig förändring
dashboard-tile-change_noise = { $arrow } { $delta } mot förra perioden: inom felmarginalen (±{ $margin })
dashboard-trend = NPS per period, med 95 %-intervall
dashboard-trend-hollow = En ihålig punkt: färre än 30 svar, siffran säger lite.
dashboard-split = Svar per betyg
dashboard-funnel = Periodens ärenden
dashboard-funnel-opened = Öppnade
dashboard-funnel-taken = Tagna i tid
dashboard-funnel-resolved = Lösta i tid
dashboard-funnel-confirmed = Kunden bekräftade lösningen
dashboard-funnel-taken_of = { $count } av { $of } som förfallit
dashboard-funnel-resolved_of = { $count } av { $of } som förfallit
dashboard-funnel-confirmed_of = { $count } av { $of } som svarade
dashboard-funnel-median = median { $time }
dashboard-funnel-median_business = median { $time } under öppettider ({ $wall } enligt klockan)
dashboard-versus = Jämfört med resten
dashboard-versus-above = ▲ { $delta } över resten
dashboard-versus-below = ▼ { $delta } under resten
dashboard-versus-noise = ingen verklig skillnad (±{ $margin })
dashboard-versus-too_few = för få svar för att säga något
dashboard-versus-alone = inget att jämföra med
dashboard-versus-note = Över eller under markeras bara när skillnaden mot alla andra är större än felmarginalen (95 %).
dashboard-themes = Vad kunderna skriver om
dashboard-themes-theme = Tema
dashboard-themes-mentions = Omnämnanden
dashboard-themes-detractors = Från kritiker
dashboard-themes-note = Periodens kommentarer, ärenden och kundmeddelanden, varje text räknad en gång per tema den nämner; inom parentes förändringen mot förra perioden. NPS: bland kunderna som nämner temat.
dashboard-unthemed = Inte i något tema än
dashboard-unthemed-to = Lägg till ”{ $word }” i ett tema
dashboard-unthemed-add = Lägg till
dashboard-unthemed-pick = tema…
dashboard-unthemed-added = ”{ $word }” har lagts till i temat ”{ $theme }”: alla dess former räknas där nu, även i tidigare texter.
dashboard-unthemed-note = Ord i periodens senaste kommentarer och ärenden som inget tema matchar, och i hur många texter. Läggs ordet till i ett tema räknas alla dess former där, även i tidigare texter.
dashboard-questions = Svaren på varje fråga
dashboard-questions-answers = { $n ->
    [one] { $n } svar
   *[other] { $n } svar
}
dashboard-questions-mean = i snitt { $mean }
dashboard-more = Mer från perioden
dashboard-link = Din inloggningslänk till panelen, giltig i { $minutes } minuter och för en inloggning (vidarebefordra den inte):
    { $url }
dashboard-no_address = Panelen har ingen offentlig adress än, så det finns ingen länk som skulle fungera på din telefon. Be den som driver boten att ange PUBLIC_URL, botens offentliga https-adress (till exempel https://shop.example), och starta om den.
dashboard-open = Öppna panelen
command-dashboard = Panelen (en inloggningslänk)
dashboard-customer = Kund
dashboard-assigned = Tilldelat
dashboard-nav-overview = Översikt
dashboard-nav-complaints = Ärenden
dashboard-nav-comments = Kommentarer
dashboard-nav-fixes = Åtgärder
dashboard-nav-saved = Sparade svar
dashboard-saved-name = Namn
dashboard-saved-language = Språk
dashboard-saved-text = Text
dashboard-saved-delete = Ta bort
dashboard-saved-add = Spara
dashboard-saved-hint = {"{"}name{"}"} blir kundens förnamn, {"{"}order{"}"} ärendets ordernummer. Personalen skickar det med /saved NAMN som svar på ett kort, eller väljer det med @bot NAMN.
dashboard-nav-survey = Enkät
dashboard-survey-title = Enkäten kunderna får
dashboard-survey-version = Version { $version } (0: den inbyggda enkäten). Varje sparning blir en ny version; en kund som redan har börjat svara gör klart sin version.
dashboard-survey-saved = Sparad som version { $version }: kunderna får den från nästa inbjudan.
dashboard-survey-same = Inget ändrades: version { $version } är fortfarande den aktuella enkäten.
dashboard-survey-stale = Någon sparade version { $version } medan du redigerade. Dina ändringar finns kvar nedan men är inte sparade: jämför dem med den nya versionen och spara igen.
dashboard-survey-refused = Inte sparad: rätta det som är markerat nedan. Inget har ändrats för kunderna.
dashboard-survey-go_to = Gå till:
dashboard-survey-time = Ungefär { $seconds } s att svara, längs den längsta vägen.
dashboard-survey-time_long = Enkäter som tar mer än { $seconds } s tappar kunder halvvägs: ta bort några frågor eller ställ dem med villkor.
dashboard-survey-time_rule = Uppskattat per fråga: 5 s för NPS, en skala eller ett enkelval; 10 s för flerval; 20 s för fritext. En fråga med villkor räknas bara på den väg där den ställs.
dashboard-survey-nps = NPS (alltid först)
dashboard-survey-question = Fråga { $n }
dashboard-survey-nps_hint = Frågan 0–10 med ”Inte nu” och ”Fråga mig inte igen”. Lämna texten tom på alla språk för standardformuleringen.
dashboard-survey-id = Id
dashboard-survey-type = Typ
dashboard-survey-type-scale = Skala (t.ex. 1–5, 1–7)
dashboard-survey-type-choice = Val
dashboard-survey-type-text = Text (fritt svar)
dashboard-survey-text = Frågans text
dashboard-survey-min = Från
dashboard-survey-max = Till
dashboard-survey-label_min = Text för lägsta betyget (valfritt)
dashboard-survey-label_max = Text för högsta betyget (valfritt)
dashboard-survey-multiple = Flera svar tillåtna
dashboard-survey-options = Svarsalternativ
dashboard-survey-options_hint = 2 till 10 alternativ. Fyll i den tomma raden för att lägga till ett; töm en rad för att ta bort det.
dashboard-survey-option_id = Alternativets id
dashboard-survey-text_hint = Kunden skriver ett svar eller hoppar över frågan med en knapp.
dashboard-survey-when = Ställ bara om
dashboard-survey-always = ställs alltid
dashboard-survey-when_in = svaret är något av
dashboard-survey-when_hint = Skilj med kommatecken: betyg (0–10 för NPS, eller kritiker, passiva, ambassadörer) eller alternativens id.
# NPS-kategorierna som ett villkor anger dem (skrivs och visas i fältet).
dashboard-survey-category-detractor = kritiker
dashboard-survey-category-passive = passiva
dashboard-survey-category-promoter = ambassadörer
dashboard-survey-kind-nps = NPS
dashboard-survey-kind-scale = skala
dashboard-survey-kind-choice = val
dashboard-survey-kind-text = text
dashboard-survey-complaint = Öppnar ett ärende
dashboard-survey-complaint-none = aldrig
dashboard-survey-complaint-at_most = vid detta betyg eller lägre
dashboard-survey-complaint-at_least = vid detta betyg eller högre
dashboard-survey-complaint-options = när något av dessa alternativ väljs
dashboard-survey-complaint_value = betyg eller alternativens id
dashboard-survey-up = ↑ Upp
dashboard-survey-down = ↓ Ned
dashboard-survey-remove = Ta bort
dashboard-survey-preview = Så ser kunden den i Telegram
dashboard-survey-same_message = Ställs i samma meddelande som { $id }: se dess förhandsvisning.
dashboard-survey-no_preview = Tryck på ”Kontrollera och förhandsvisa” för att se frågan som kunderna ser den.
dashboard-survey-add = + Lägg till en fråga
dashboard-survey-full = Högst { $most } frågor efter NPS.
dashboard-survey-variants = Varianter per filial eller segment
dashboard-survey-variants_hint = En variant ställs i stället för enkäten ovan för köp i sin filial, till kunder i sitt segment eller båda: en som anger båda går före en som anger det ena, sedan den första i denna ordning. En ny variant börjar som en kopia av enkäten ovan.
dashboard-survey-add_variant = + Lägg till en variant
dashboard-survey-variant = Variant { $n }
dashboard-survey-segment = Segment
dashboard-survey-variant_hint = Dess frågor följer nedan. Ange en filial, ett segment eller båda.
dashboard-survey-remove_variant = Ta bort denna variant
dashboard-survey-check = Kontrollera och förhandsvisa
dashboard-survey-save = Spara som ny version
survey-check-body = ett objekt med frågor (questions) och varianter (variants) väntades
survey-check-type_missing = obligatoriskt
survey-check-type_extra_forbidden = okänt fält
survey-check-type_int_type = ett heltal
survey-check-type_string_type = en text
survey-check-type_bool_type = ja eller nej
survey-check-type_list_type = en lista
survey-check-type_dict_type = ett objekt
survey-check-type_model_type = ett objekt
survey-check-type_literal_error = en av: skala, val, text
survey-check-name_length = 1 till { $most } tecken
survey-check-variant_empty = ange en filial, ett segment eller båda
survey-check-variant_twice = samma filial och segment som variant { $n }
survey-check-type_elsewhere = ”{ $id }” är av typen ”{ $type }” på ett annat ställe i enkäten
survey-check-nps_first = den första frågan är alltid NPS
survey-check-too_many = högst { $most } frågor efter NPS ({ $given } angivna)
survey-check-id_taken = id ”{ $id }” används redan: varje id en gång
survey-check-built_in_csat = "csat" är den inbyggda nöjdhetsfrågan: en skala från { $low } till { $high }, eller välj ett annat id
survey-check-built_in_expectation = "expectation" är den inbyggda jämförelsen: ett val av { $options }, eller välj ett annat id
survey-check-built_in_aspect = "aspect" är det inbyggda valet av aspekter: ett val, eller välj ett annat id
survey-check-built_in_text = "{ $id }" är en inbyggd textfråga: en text, eller välj ett annat id
survey-check-callback = Frågans och alternativens id är för långa tillsammans: korta dem till högst { $most } tecken totalt
survey-check-id_chars = bara a–z, 0–9 och _, 1 till { $most } tecken
survey-check-nps_only_first = bara den första frågan är NPS
survey-check-nps_always = NPS ställs alltid
survey-check-only_scale = bara en skala har detta
survey-check-only_choice = bara ett val har detta
survey-check-required_scale = en skala behöver detta
survey-check-required_choice = ett val behöver alternativ
survey-check-range = från { $low } till { $high }
survey-check-above_min = måste vara större än ”Från” ({ $min })
survey-check-scale_buttons = högst { $most } knappar, som NPS 0–10 ({ $given } angivna)
survey-check-options_count = { $least } till { $most } alternativ ({ $given } angivna)
survey-check-option_control = ”{ $id }” är en kontrollknapps ord ({ $controls }): välj ett annat id
survey-check-text_missing = saknas: butiken använder { $served }
survey-check-text_language = inte ett språk butiken använder ({ $served })
survey-check-text_empty = tom
survey-check-text_long = För lång frågetext: korta den till högst { $most } tecken
survey-check-label_long = För lång text för betyget: korta den till högst { $most } tecken
survey-check-option_long = För långt svarsalternativ: korta det till högst { $most } tecken
survey-check-when_unknown = ingen tidigare fråga ”{ $id }”
survey-check-when_later = ”{ $id }” kommer efter denna fråga: ett villkor behöver en tidigare
survey-check-when_text = ett textsvar kan inte vara ett villkor
survey-check-when_empty = ange minst ett svar
survey-check-when_value = ”{ $value }” är inget svar på { $id } ({ $answers })
survey-check-when_quoted = ”{ $value }” är inget svar på { $id } ({ $answers }): skriv betyget som en siffra, utan citattecken
survey-check-complaint_text = ett textsvar kan inte öppna ett ärende
survey-check-complaint_one = välj en regel
survey-check-complaint_choice_only = bara ett val öppnar ett ärende med alternativ
survey-check-complaint_by_options = ett val öppnar ett ärende med sina alternativ
survey-check-complaint_no_options = ange minst ett alternativ
survey-check-no_option = inget alternativ ”{ $id }”
dashboard-state-all = alla
dashboard-state-open = pågående
dashboard-state-overdue = försenade
dashboard-state-resolved = lösta
dashboard-any = alla
dashboard-search = Nummer, order, namn eller ord
dashboard-older = Äldre ärenden
dashboard-none = Inga ärenden matchar.
dashboard-comments-score = Betyg
dashboard-comments-score-all = alla
dashboard-comments-score-detractor = kritiker (0–6)
dashboard-comments-score-passive = passiva (7–8)
dashboard-comments-score-promoter = ambassadörer (9–10)
dashboard-comments-question = Fråga
dashboard-comments-words = Ord
dashboard-comments-complaint = ärende #{ $number }
dashboard-comments-older = Äldre kommentarer
dashboard-comments-none = Inga kommentarer matchar.
dashboard-not_found = Inget sådant ärende.
dashboard-fixes_owed = 🔧 Åtgärder verksamheten ännu är skyldig: { $count }
dashboard-fixes-owed = Det verksamheten behöver åtgärda
dashboard-fixes-done = Redan åtgärdat
dashboard-fixes-theme_save = Spara
dashboard-timeline-take = ⏰ Påminnelse i personalchatten: inte tagen senast { $due }
dashboard-timeline-resolve = 🚨 Eskalerad till chefer och ägare: inte löst senast { $due }
dashboard-timeline-fix_needed = 🔧 Behöver åtgärdas i verksamheten (markerat av { $name })
dashboard-timeline-fix_done = ✅ Åtgärdat i verksamheten ({ $name })
dashboard-spreadsheet = kalkylblad
dashboard-preset-this_week = Den här veckan
dashboard-preset-last_week = Förra veckan
dashboard-preset-this_month = Den här månaden
dashboard-preset-last_month = Förra månaden
dashboard-role-owner = ägaren
complaint-card-story = Tidigare: { $story }
complaint-card-story-complaints = { $count ->
    [one] 1 ärende
   *[other] { $count } ärenden
} ({ $confirmed } bekräftat lösta)
complaint-card-story-open = { $count } fortfarande öppna
complaint-card-story-scores = tidigare NPS { $scores }
complaint-card-story-purchases = { $count } köp
