# Русский. Ключи стабильны; подстановки — { $name }; множественное число по правилам CLDR
# (one: 1, 21, 31…; few: 2–4, 22–24…; many: 5–20, 25–30…).


## language

language-name = Русский

## start

start-greeting = Здравствуйте, { $name }! Я помощник { $shop } по обратной связи. После покупки я задам два-три коротких вопроса; ваши ответы сразу попадут к тем, кто может что-то исправить. Напишите /help, чтобы узнать, что я умею.
start-greeting_anonymous = Здравствуйте! Я помощник { $shop } по обратной связи. После покупки я задам два-три коротких вопроса; ваши ответы сразу попадут к тем, кто может что-то исправить. Напишите /help, чтобы узнать, что я умею.
start-owner = Здравствуйте! Я помощник { $shop } по обратной связи. Что я делаю для владельца: каждая покупка становится коротким опросом, каждый недовольный ответ — обращением, которое команда ведёт в чате поддержки со сроками; вам — еженедельная сводка с графиком, сообщение о просроченном обращении и список доработок, которые нужны бизнесу.
start-manager = Здравствуйте! Я помощник { $shop } по обратной связи. Что я делаю для менеджера: обращения клиентов приходят в чат поддержки со сроками; если обращение ждёт слишком долго, я упомяну вас там, а о просроченном напишу сюда.

## help

help-text =
    Что я умею:
    /complaint: написать сотруднику (жалоба, вопрос)
    /language: выбрать язык общения
    /stop: больше не присылать опросы (/start включит их снова)
    /mydata: что мы о вас храним
    /forget_me: стереть ваши персональные данные
    /help: это сообщение

    После покупки я пришлю короткий опрос с кнопками: это займёт { $duration }.

## language

language-choose = Выберите язык:
language-changed = Готово: теперь я говорю по-русски.
language-unknown = Этот язык недоступен.

## fallback

fallback-text = Я понимаю текстовые команды и кнопки. Напишите /help, чтобы узнать, что я умею.
fallback-unsupported = Такие сообщения я пока не читаю. Пожалуйста, напишите текстом.
fallback-too_long = Сообщение слишком длинное: { $length ->
    [one] { $length } знак
    [few] { $length } знака
   *[many] { $length } знаков
}, а можно не больше { $limit }. Пожалуйста, сократите его.

## button

button-stale = Эта кнопка больше не действует.

## command

command-start = Начать: что умеет бот
command-help = Что я умею
command-language = Выбрать язык

## start

start-welcome_back = С возвращением! Опросы снова включены.
start-linked = Спасибо! Я нашёл вашу покупку и чуть позже пришлю короткий опрос.
start-linked_no_survey = Спасибо! Я нашёл вашу покупку, опроса по ней не будет. Написать нам можно здесь в любой момент.
start-linked_complaint = Спасибо! Ваше обращение №{ $number } у команды: ответ придёт сюда, и написать им можно тоже здесь.
start-link_unknown = Эта ссылка больше не действует. Напишите /help, чтобы узнать, что я умею.
start-share_phone = Покупали у нас что-нибудь? Поделитесь номером телефона, и я найду вашу покупку (номер используется только для этого).
start-share_phone_button = Поделиться номером телефона

## phone

phone-linked = Спасибо! Я нашёл { $count ->
    [1] вашу покупку
   *[other] ваши покупки ({ $count })
} и чуть позже пришлю короткий опрос.
phone-not_found = Спасибо! Покупок с этим номером пока нет; они привяжутся, как только появятся.
phone-not_own = Пожалуйста, поделитесь своим контактом с помощью кнопки.

## survey

survey-invite =
    Спасибо за покупку! Насколько вероятно, что вы порекомендуете нас другу или коллеге?
    0 — точно нет, 10 — обязательно порекомендую
survey-reminder = Небольшое напоминание: ответ займёт { $duration } и очень нам поможет.
# Сколько займёт опрос: секунды, пока меньше минуты, иначе минуты (тогда секунд 0).
survey-duration = { $minutes ->
        [0] { $seconds ->
            [one] около { $seconds } секунды
           *[other] около { $seconds } секунд
        }
        [1] около минуты
       *[other] { $minutes ->
            [one] около { $minutes } минуты
           *[other] около { $minutes } минут
        }
    }
survey-later = Не сейчас
survey-never = Больше не спрашивать
survey-followup-detractor = Нам жаль это слышать. Что пошло не так? Отметьте подходящее, при желании напишите пару слов и нажмите «Далее».
survey-followup-passive = Спасибо! Что помогло бы поставить 10? Напишите пару слов или нажмите «Пропустить».
survey-followup-promoter = Замечательно! Что понравилось больше всего? Напишите пару слов или нажмите «Пропустить».
survey-next = Далее ▶
survey-skip = Пропустить
survey-csat =
    Насколько вам понравилась эта покупка?
    1 — совсем не понравилась, 5 — очень понравилась
survey-expectation = А по сравнению с тем, что вы ожидали?
survey-expectation-worse = Хуже
survey-expectation-as_expected = Как ожидалось
survey-expectation-better = Лучше
survey-thanks = Спасибо! Ваши ответы сразу попали к команде.
# Благодарность за опрос, ответы которого открыли обращение: одно сообщение вместо двух.
survey-thanks-complaint = Спасибо! Нам жаль, что всё прошло не так: ваши ответы стали обращением №{ $number }, и сотрудник напишет вам здесь { $at }. Можно добавить что угодно (текст, фото) прямо в этот чат.
survey-thanks-complaint_answer = Спасибо! Мы передали ваши ответы команде как обращение №{ $number }: сотрудник напишет вам здесь { $at }. Можно добавить что угодно (текст, фото) прямо в этот чат.
survey-review = Если есть минутка, будем рады публичному отзыву: { $url }
survey-referral = Рады, что понравилось! Поделитесь с другом: { $url }
survey-dismissed_later = Хорошо. Спасибо за ваше время!
survey-dismissed_never = Хорошо, больше не будем спрашивать. Напишите /start, если передумаете.
survey-closed = Этот опрос закрыт. Спасибо!
survey-alert-closed = Этот опрос закрыт.
survey-alert-done = Вы уже ответили, спасибо!
survey-alert-done_web = Вы уже ответили на этот опрос на его веб-странице. Спасибо!
survey-alert-thanks = Спасибо!
survey-use_buttons = Пожалуйста, ответьте кнопками в опросе выше.
survey-comment_too_long = Длинновато: { $length ->
    [one] { $length } знак
    [few] { $length } знака
   *[many] { $length } знаков
}. Пожалуйста, уложитесь в { $limit }.
# Ответ на вопрос, который придумал магазин, с текстом вопроса (карточка, /mydata).
survey-answer = { $question } — { $answer }
survey-answer-scale = { $question } ({ $min }–{ $max }): { $answer }

## aspect

aspect-quality = Качество
aspect-price = Цена
aspect-delivery = Доставка
aspect-staff = Персонал
aspect-speed = Скорость
aspect-other = Другое

## stop

stop-done = Готово: больше никаких опросов. Напишите /start, чтобы снова их включить.
# /stop typed to the shop's own Telegram account: /start there does nothing
stop-done_account = Готово: больше не будем присылать вам опросы.

## command

command-stop = Отключить опросы

## mydata

mydata-header = Что мы храним о вас:
mydata-profile =
    Имя: { $name }
    Имя пользователя: { $username }
    Телефон: { $phone }
    Язык: { $language }
    Сегмент: { $segment }
    Опросы: { $surveys }
mydata-survey = • Заказ { $order }: { $status }; NPS { $nps }, удовлетворённость { $csat }, { $expectation }; комментарий: { $comment }
mydata-aspects = Что не так: { $aspects }
mydata-none = нет
mydata-status-waiting_link = ждёт, пока мы сможем вам написать
mydata-status-scheduled = запланирован
mydata-status-sent = ждёт вашего ответа
mydata-status-answered = ответы получены
mydata-status-expired = закрыт без ответа
mydata-status-skipped = не отправлялся
mydata-status-dismissed = вы отказались
mydata-expectation-worse = хуже ожиданий
mydata-expectation-as_expected = как ожидалось
mydata-expectation-better = лучше ожиданий
mydata-expectation-none = без оценки ожиданий
mydata-complaint = • Обращение №{ $number } от { $date }: { $status }; вы написали: { $text }
mydata-messages = Сообщений в поддержку: { $count }
mydata-more = Чтобы стереть эти данные, напишите /forget_me.

## forget

forget-confirm = Стереть ваше имя, имя пользователя, телефон, комментарии и сообщения? Анонимные оценки останутся в статистике. Это нельзя отменить.
forget-yes = Да, стереть
forget-no = Отмена
forget-done = Готово: ваши персональные данные стёрты. Напишите /start, если захотите снова поговорить.
forget-done_account = Готово: ваши персональные данные стёрты.
forget-cancelled = Отменено: ничего не стёрто.

## command

command-mydata = Что вы обо мне храните
command-forget_me = Стереть мои данные
command-complaint = Написать сотруднику

## complaint

complaint-opened-low_score = Нам жаль, что всё прошло не так. Ваш отзыв стал обращением №{ $number }: сотрудник напишет вам здесь { $at }. Можно добавить что угодно (текст, фото) прямо в этот чат.
complaint-opened-survey_answer = Спасибо, что рассказали. Мы передали это команде как обращение №{ $number }: сотрудник напишет вам здесь { $at }. Можно добавить что угодно (текст, фото) прямо в этот чат.
complaint-opened-message = Спасибо, ваше сообщение передано команде как обращение №{ $number }. Сотрудник ответит здесь { $at }; всё, что вы напишете сюда, тоже дойдёт до него.
complaint-opened-command = Расскажите, что случилось: напишите здесь (текст, фото, документы). Это обращение №{ $number }; сотрудник ответит вам здесь { $at }.
complaint-already_open = Ваше обращение №{ $number } ещё открыто: просто пишите сюда, и сообщение дойдёт до команды.
complaint-story_received = Спасибо, ваше сообщение передано команде — обращение №{ $number }. Всё, что вы напишете здесь дальше, тоже дойдёт до неё.
complaint-resolved-question = Команда отметила обращение №{ $number } как решённое. Ваш вопрос решён?
complaint-resolved-yes = Да, решён
complaint-resolved-no = Нет, ещё нет
complaint-resolved-thanks = Спасибо за подтверждение. Обращение №{ $number } закрыто.
complaint-resolved-reopened = Нам жаль. Обращение №{ $number } снова открыто, команда продолжает работу.
complaint-resolved-already = Вы уже ответили на этот вопрос.
complaint-card-title = Обращение №{ $number }
complaint-status-open = новое
complaint-status-taken = в работе
complaint-status-resolved = ждёт подтверждения клиента
complaint-status-closed = закрыто
complaint-card-key = ⭐ Ключевой клиент
complaint-card-forgotten = клиент удалил свои данные
complaint-card-no_name = без имени
complaint-card-segment = сегмент { $segment }
complaint-card-customer = Клиент: { $customer }
# The name the shop gave, and beside it the one in Telegram when it differs (cards, lists, /mydata).
complaint-card-telegram_name = { $name } (Telegram: { $telegram })
complaint-card-order = Заказ { $order }
complaint-card-branch = филиал { $branch }
complaint-card-aspects = Что не так: { $aspects }
complaint-card-source-low_score = Из ответа на опрос.
complaint-card-source-low_score_web = Из ответа на опрос, через веб (страница опроса по ссылке с чека).
complaint-card-reply_web = Ответы уходят на веб-страницу клиента (Telegram нет).
complaint-card-source-command = Клиент сам открыл обращение командой /complaint.
complaint-card-source-message = Клиент написал боту.
complaint-card-source-business = Клиент написал в Telegram-аккаунт магазина.
complaint-card-due-take = Взять до { $at }
complaint-card-due-resolve = Решить до { $at }
complaint-card-taken_by = Ведёт: { $name }
complaint-card-reopened = Клиент открывал повторно: { $times }×
complaint-card-confirmed = Клиент подтвердил, что вопрос решён.
complaint-card-reply_hint = Ответьте на эту карточку, чтобы написать клиенту; начните с ! для внутренней заметки.
complaint-card-expectation-worse = хуже ожиданий
complaint-card-expectation-as_expected = как ожидалось
complaint-card-expectation-better = лучше ожиданий
complaint-button-take = Взять
complaint-button-resolve = Решено
complaint-button-history = История
complaint-summary-title = 🌩 Сразу { $count ->
    [one] { $count } новое обращение
    [few] { $count } новых обращения
   *[many] { $count } новых обращений
} (сгруппированы, чтобы не засорять чат):
complaint-summary-hint = Нажмите номер, чтобы открыть карточку.
complaint-sla-manager = дежурный менеджер
complaint-sla-nobody = никто
complaint-sla-take_reminder = ⏰ Обращение №{ $number } ({ $customer }) ждёт { $waited }, и его никто не взял.
complaint-sla-unseen = ⚠️ Бот не может писать в чат сотрудников, поэтому сотрудники это обращение не видят: см. сообщение бота о чате сотрудников.
complaint-sla-escalation = 🚨 Обращение №{ $number } ({ $customer }) не решено к { $due }. Ведёт: { $holder }.
complaint-sla-escalation_assigned = 🚨 Обращение №{ $number } ({ $customer }) не решено к { $due }. Назначено: { $holder }, ещё не взято в работу.
complaint-alert-yours = Обращение №{ $number } уже ваше.
complaint-alert-already_taken = Обращение №{ $number } уже ведёт { $name }.
complaint-alert-already_resolved = Обращение №{ $number } решено и ждёт ответа клиента.
complaint-alert-already_closed = Обращение №{ $number } закрыто.
complaint-alert-taken = Обращение №{ $number } теперь ваше. Ответьте на карточку, чтобы написать клиенту.
complaint-alert-resolved = Решено. Клиента попросили подтвердить.
complaint-alert-resolved_unasked = Закрыто. Клиент недоступен для подтверждения.
complaint-alert-card_exists = Карточка №{ $number } уже есть в чате.
complaint-alert-not_staff = Это могут делать только участники чата сотрудников.
complaint-alert-check_failed = Telegram сейчас не подтвердил, что вы сотрудник. Попробуйте через минуту.
complaint-history-title = История обращения №{ $number }:
complaint-history-from_customer = клиент
complaint-history-to_customer = сотрудник
complaint-history-note = заметка
complaint-history-note_by = { $name } (заметка)
complaint-history-empty = (сообщений пока нет)
complaint-history-confirmed = клиент подтвердил решение
complaint-reopened = ↩️ Клиент говорит, что обращение №{ $number } НЕ решено. Оно снова открыто, отсчёт срока начат заново.
complaint-relay-closed = Обращение №{ $number } закрыто; сообщение не отправлено. Клиент может написать снова и открыть новое.
complaint-relay-forgotten = Клиент обращения №{ $number } удалил свои данные; отправить ответ некуда.
complaint-relay-no_telegram = Клиент обращения №{ $number } ответил на веб-странице опроса, чата с ботом в Telegram у него пока нет, и следить за ответом на своей странице он не выбрал: отправить ответ некуда. Страница предложила ему оба способа; если есть номер телефона, позвоните.
complaint-relay-unreachable = Клиент обращения №{ $number } заблокировал бота; сообщение не доставлено.
complaint-relay-business_off = Telegram-аккаунт магазина отключил бота; ответ по обращению №{ $number } не отправлен. Ваше сообщение осталось здесь: отправьте его снова, когда бот будет включён, или ответьте из аккаунта.
complaint-relay-business_no_reply = У бота нет права отвечать от имени Telegram-аккаунта магазина; ответ по обращению №{ $number } не отправлен. Ваше сообщение осталось здесь: ответьте из аккаунта в приложении Telegram или выдайте боту это право.
complaint-relay-business_window = Telegram разрешает боту отвечать от имени аккаунта магазина только в течение 24 часов после последнего сообщения клиента; ответ по обращению №{ $number } не отправлен. Ваше сообщение осталось здесь: ответьте из аккаунта в приложении Telegram.
complaint-relay-business_kind = Такое сообщение нельзя отправить от имени Telegram-аккаунта магазина; ответ по обращению №{ $number } не отправлен. Отправьте текст, фото или файл.
complaint-list-open = Обращения в работе ({ $count }):
complaint-list-mine = Ваши обращения ({ $count }):
complaint-list-none = Нет. 🎉
complaint-list-more = …и ещё.
complaint-find-usage = Напишите после /find, что искать: номер обращения, номер заказа, имя, телефон или слова клиента, а тема:название найдёт обращения на эту тему. Например: /find сломана крышка, /find тема:доставка
complaint-find-no_theme = Темы «{ $theme }» нет. Темы: { $themes }.
complaint-find-none = По запросу «{ $query }» ничего не найдено.
complaint-find-title = Найдено по запросу «{ $query }», сначала новые:
complaint-find-more = …показаны { $count } самых новых; добавьте слово, чтобы сузить поиск.
complaint-card-assigned_to = Назначено: { $name } (ещё не взято)
complaint-button-assign = Назначить
complaint-assign-unnamed = Сотрудник { $id }
complaint-assign-nobody = Пока некого назначить: в списке администраторы этого чата, люди из STAFF_IDS и все, кто уже что-то сделал в этом чате.
complaint-assign-back = ← Назад
complaint-assign-choose = Кто займётся обращением №{ $number }?
complaint-assign-done = Обращение №{ $number } назначено: { $name }.
complaint-assign-history = Назначено: { $name }
complaint-assign-private_by = 📌 { $name } назначает вам обращение №{ $number } ({ $customer }). Ответьте на его карточку в чате поддержки, чтобы ответить клиенту.
complaint-assign-private_turn = 📌 Вам по очереди назначено обращение №{ $number } ({ $customer }). Ответьте на его карточку в чате поддержки, чтобы ответить клиенту.
complaint-sla-assigned = Назначено: { $name }.
saved-bad_name = Название — одно слово (буквы, цифры, - и _), до 32 символов, с языком через двоеточие, если он не основной, например refund:en (языки: { $languages }).
saved-too_long = Слишком длинно: шаблон — не больше { $most } символов.
saved-added = Шаблон «{ $name }» ({ $language }) сохранён. Сотрудники отправляют его командой /saved { $name } в ответ на карточку обращения.
saved-replaced = Шаблон «{ $name }» ({ $language }) заменён.
saved-unknown = Шаблона «{ $name }» нет.
saved-deleted = Шаблон «{ $name }» удалён.
saved-usage = /saved — список · /saved add НАЗВАНИЕ ТЕКСТ (НАЗВАНИЕ:en для другого языка; {"{"}name{"}"} и {"{"}order{"}"} подставляются) · /saved del НАЗВАНИЕ
saved-none = Шаблонов пока нет.
saved-title = Шаблоны ответов:
saved-more = …и другие.
saved-known = Шаблоны: { $names }
saved-where = Отправьте /saved НАЗВАНИЕ в ответ на карточку обращения или в его теме.
saved-sent = ↪️ «{ $name }» отправлен клиенту по обращению №{ $number }.
events-stuck = ⚠️ События не доходят до { $url }: одно ждёт уже { $hours } ч. Последний ответ: { $error }. Ничего не потеряно: события хранятся и отправляются повторно 72 часа. Проверьте получателя, затем <code>python -m bot events test</code>.
events-redirect = ↪️ Получатель перенаправляет на { $location }: события никогда не идут по перенаправлению (оно могло бы увести их куда угодно). Если этот адрес верный, укажите его в EVENTS_URL.
events-recovered = ✅ События снова доходят до { $url }; накопившиеся отправляются.
business-connected = 🔗 Telegram-аккаунт { $account } подключил бота как чат-бота: то, что клиенты пишут в этот аккаунт, теперь приходит в чат сотрудников как обращения, а ответы сотрудников уходят от имени аккаунта.
business-changed = 🔗 Telegram-аккаунт { $account } изменил права бота.
business-disabled = ⛔ Telegram-аккаунт { $account } отключил или удалил бота: сообщения клиентов в этот аккаунт больше не попадают в чат сотрудников, и ответить им от имени аккаунта нельзя. Чтобы включить снова: Telegram → Настройки → Telegram для бизнеса → Чат-боты.
business-may = Бот может: { $rights }
business-may_not = Бот не может: { $rights }
business-right-can_reply = отвечать клиентам от имени аккаунта (в течение 24 часов после их последнего сообщения)
business-right-can_read_messages = отмечать их сообщения прочитанными
business-no_reply_hint = Без права отвечать ответы сотрудников не дойдут до клиентов, которые писали только в аккаунт. Выдайте его в Telegram: Настройки → Telegram для бизнеса → Чат-боты → бот → «Отвечать на сообщения».
mail-stuck = ✉️ Письма покупателям не уходят: одно ждёт уже { $hours } ч (в очереди: { $count }). Последний ответ почтового сервера: { $error }. Ничего не потеряно: письма хранятся и отправляются повторно 72 часа. Проверьте SMTP_URL и MAIL_FROM.
mail-recovered = ✅ Письма покупателям снова уходят; накопившиеся отправляются.
mail-given_up = ✉️ Не удалось доставить покупателям { $count } { $count ->
    [one] письмо
    [few] письма
   *[many] писем
}, отправка прекращена. Ответ почтового сервера: { $error }

## duration

duration-seconds = { $n } с
duration-minutes = { $n } мин
duration-hours = { $h } ч { $m } мин
duration-whole_hours = { $h } ч

## complaint

complaint-relay-failed = ⚠️ Ответ по обращению №{ $number } не дошёл до клиента: { $error }
complaint-relay-roundup = Ещё { $count ->
    [one] { $count } сообщение придержано
    [few] { $count } сообщения придержаны
   *[many] { $count } сообщений придержаны
}, чтобы не заваливать чат (все они в «Истории»); последнее: «{ $latest }»
complaint-relay-owner = 🏪 №{ $number } · ответ из аккаунта магазина ({ $name }): «{ $text }»
complaint-relay-edited = ✏️ №{ $number } · клиент изменил сообщение: «{ $text }»
complaint-relay-deleted = 🗑 №{ $number } · клиент удалил { $count ->
    [one] { $count } сообщение
    [few] { $count } сообщения
   *[many] { $count } сообщений
} в чате с аккаунтом магазина.

## digest

digest-title-weekly = 📊 Недельная сводка, { $period }
digest-title-report = 📊 Отчёт, { $period }
digest-title-digest = 📊 Последние 7 дней, { $period }
digest-branch_only = Филиал: { $branch }
digest-no_answers = нет ответов
digest-too_few = мало ответов, оценка грубая
digest-too_few_n = слишком мало ответов для оценки (n={ $n })
digest-nps = NPS { $nps }
digest-nps_too_few = NPS: слишком мало ответов для оценки (n={ $n })
digest-change-signal = { $arrow } { $delta } к прошлому периоду: заметное изменение, больше погрешности (±{ $margin })
digest-change-noise = { $arrow } { $delta } к прошлому периоду: в пределах погрешности (±{ $margin }), реального изменения нет
digest-change-none = В прошлом периоде нет ответов для сравнения.
digest-shares = Промоутеры { $promoters } · нейтралы { $passives } · критики { $detractors }
digest-response = Доля ответов { $rate } (ответили { $answered } из { $invited })
digest-csat = CSAT { $csat }/5 · по сравнению с ожиданиями: хуже { $worse }, как ожидали { $as_expected }, лучше { $better }
digest-question-scale = { $question } — в среднем { $mean } (n={ $n })
digest-question-scale_change = { $question } — в среднем { $mean }, { $change } к прошлому периоду (n={ $n })
digest-question-choice = { $question } — чаще всего: { $option } ({ $share }, n={ $n })
digest-complaints = Обращения: поступило { $opened }{ $split }, решено { $resolved }, ещё в работе { $still_open }
digest-complaints_awaiting = Обращения: поступило { $opened }{ $split }, решено { $resolved } (из них { $awaiting } { $awaiting ->
    [one] ждёт
   *[other] ждут
} ответа клиента), ещё в работе { $still_open }
# Откуда поступили: только когда есть и те и другие (bot/reports/sources.py).
digest-complaints_sources = { $answers } после опроса, { $messages } { $messages ->
    [one] сообщение
    [few] сообщения
   *[many] сообщений
}
digest-complaints_only_messages = все — сообщения
digest-complaints_overdue = , из них просрочено { $overdue }
digest-undelivered = ⚠️ Сообщений, которые Telegram не доставил: { $failed } · клиентов, заблокировавших бота: { $blocked }
digest-sla = Взяты вовремя { $take }, решены вовремя { $resolve } · медиана до взятия { $median_take }, до решения { $median_resolve } · клиенты подтвердили решение: { $satisfied }
digest-sla_business = Взяты вовремя { $take }, решены вовремя { $resolve } · медиана до взятия { $median_take }, до решения { $median_resolve } в рабочих часах (клиент ждал { $wall_take } и { $wall_resolve }) · клиенты подтвердили решение: { $satisfied }
digest-team = Команда (только для владельцев; обращения периода по тем, кто их ведёт):
digest-team_person = • { $name }: взято { $taken }, решено { $resolved } · медиана до взятия { $take }, до решения { $resolve } · клиент подтвердил { $confirmed } из { $answered }
digest-by_branch = По филиалам: { $groups }
digest-by_segment = По сегментам: { $groups }
digest-by_branch_none = без филиала
digest-by_segment_none = остальные клиенты
segment-key = ключевые клиенты
digest-aspects = Критики чаще всего называют: { $aspects }
digest-themes = О чём чаще всего пишут критики: { $themes }
digest-comments = Что сказали критики:
digest-daily-title = ☀️ Ежедневная сводка: { $open ->
    [one] { $open } обращение в работе
    [few] { $open } обращения в работе
   *[many] { $open } обращений в работе
}, из них просрочено: { $overdue }
digest-refused = Эта команда только для владельцев.
digest-report_usage = Формат: /report 01.10.2026 31.10.2026 (с и по, включительно).
digest-export_usage = Напишите /export — выгрузка за последние 90 дней, или /export 01.10.2026 31.10.2026 (с первой даты по вторую включительно).
digest-export_caption = { $kind ->
    [responses] Ответы на опросы
   *[complaints] Обращения
}: { $rows ->
    [one] { $rows } строка
    [few] { $rows } строки
   *[many] { $rows } строк
}, { $period }
digest-failed = Не удалось построить отчёт. Ошибка записана в журнал; попробуйте позже.
digest-preparing = Готовлю, минуту…
digest-too_big = слишком большой для Telegram; используйте python -m bot export или API

## menus and help for staff and owners

command-open = Обращения в работе
command-mine = Мои обращения
command-find = Найти обращения
command-saved = Шаблоны ответов
command-digest = Сводка за 7 дней
command-report = Отчёт за период
command-export = Ответы и обращения в CSV
## corrective actions (after a complaint is resolved)

corrective-question-title = 📝 <b>Обращение №{ $number } решено. Что было сделано?</b>
corrective-question-cause = В чём была причина? Выберите ниже или нажмите «Пропустить».
corrective-question-action = Ответьте на это сообщение одной строкой: что было сделано.
corrective-line-cause = Причина: { $cause } ({ $name })
corrective-line-action = Сделано: { $action } ({ $name })
corrective-line-fix_needed = 🔧 Нужно исправить в работе компании (отметка: { $name }, { $at })
corrective-line-fix_done = ✅ Исправлено в работе компании ({ $name }, { $at })
corrective-cause-skipped = пропущено
corrective-cause-unrecorded = не указана
corrective-button-fix = 🔧 Нужно исправить в работе компании
corrective-button-fix_on = 🔧 Нужно исправить ✓ (нажмите, чтобы снять)
corrective-button-skip = Пропустить
corrective-alert-saved = Сохранено.
corrective-alert-same = Это уже выбрано.
corrective-alert-reopened = Обращение №{ $number } снова открыто. Причину спросим ещё раз, когда его решат.
corrective-alert-fix_done = Исправление по №{ $number } уже отмечено выполненным.
corrective-alert-fix_marked = №{ $number } добавлено в список исправлений для владельцев (/actions).
corrective-alert-fix_unmarked = №{ $number } убрано из списка исправлений.

command-actions = Что нужно исправить
fixes-title = 🔧 <b>Что нужно исправить в работе компании ({ $count })</b>
fixes-none = Сейчас исправлять нечего. 🎉
fixes-more = …и ещё: отметьте эти выполненными, чтобы увидеть остальные.
fixes-hint = Сотрудники отмечают решённое обращение как «нужно исправить в работе компании»; нажмите номер, когда исправлено.
fixes-since = отметка: { $name }, { $at }
fixes-button = ✅ №{ $number }
fixes-done = №{ $number } отмечено исправленным.
fixes-already = №{ $number } уже отмечено исправленным.
fixes-refused = Отмечать исправления могут только владельцы.

fixed-title = 🛠 Что мы исправили
fixed-causes = Решённые обращения по причинам: { $causes }
fixed-top = Самая частая причина: { $cause }, { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
    }, { $trend }.
fixed-top_first = Самая частая причина: { $cause }, { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
    }.
fixed-up = рост с { $previous }
fixed-down = снижение с { $previous }
fixed-same = столько же, сколько раньше
fixed-done = ✅ Исправлено в работе компании: №{ $number }{ $cause }{ $action }
fixed-done_more = …и ещё исправлено: { $count }.
fixed-open = 🔧 Ещё нужно исправить: { $count } (/actions)
fixed-theme = 📉 { $theme } после исправления №{ $number } (по { $days } { $days ->
    [one] дню
    [few] дня
   *[other] дней
} до и после): упоминаний { $before } → { $after } ({ $verdict }); от критиков { $detractors_before } → { $detractors_after } ({ $detractors_verdict })
fixed-theme_early = 📉 { $theme }: исправление №{ $number } сделано меньше суток назад, судить рано
fixed-verdict_down = заметное снижение, сверх погрешности (±{ $noise })
fixed-verdict_up = заметный рост, сверх погрешности (±{ $noise })
fixed-verdict_same = в пределах погрешности (±{ $noise }), реального изменения нет
fixed-verdict_few = слишком мало, чтобы судить

## the survey's web page (PUBLIC_URL/s/…, a receipt's QR code)

web-page_title = Ваш отзыв
web-language_name = Русский
web-words = Пара слов, если хотите
web-send = Отправить
web-done_telegram = Вы уже ответили на этот опрос в Telegram. Спасибо!
web-no_survey = Опроса по этой покупке нет. Спасибо, что выбрали нас!
web-never_done = Хорошо, больше не будем спрашивать. Спасибо, что выбрали нас!
web-complaint = Нам жаль, что так вышло. Команда получила ваш ответ и во всём разберётся.
web-complaint_telegram = Чтобы получить ответ команды в Telegram, продолжите там:
web-continue_telegram = Продолжить в Telegram
web-reply_telegram = Ответ команды придёт вам в Telegram.
web-review = Оставить публичный отзыв
web-invalid = Такого варианта ответа в этом вопросе нет. Пожалуйста, выберите ещё раз.
web-later = Пожалуйста, отвечайте на вопросы по порядку: вот тот, что идёт сейчас.
web-too_long = Слишком длинно: пожалуйста, уложитесь в { $limit } символов.
web-slow_down = Слишком много ответов за короткое время. Подождите несколько минут и попробуйте снова.
web-follow_or = Или следите за ответом здесь, на своей странице:
web-follow = Следить на моей странице
web-follow_open = Открыть мою страницу
web-follow_email = Ваш email, чтобы узнать об ответе команды (необязательно)
web-bad_email = Похоже, это не адрес электронной почты. Проверьте его или оставьте поле пустым.
conv-title = Обращение №{ $number }
conv-you = Вы
conv-team = Команда
conv-open = Команда получила ваше обращение. Её ответы появятся на этой странице.
conv-reopened = Вы ответили, что проблема не решена: команда снова занимается ею.
conv-closed = Обращение закрыто. Спасибо!
conv-empty = Ответов пока нет. Сохраните эту страницу: ответ команды появится здесь.
conv-attachment = (вложение, которое эта страница не может показать)
conv-write = Написать команде
conv-empty_message = Сначала напишите хотя бы пару слов.
conv-email_on = Когда команда ответит, мы также напишем вам на { $email }.
conv-email_stop = Не присылать письма
conv-email_ask = Сообщить по email, когда команда ответит
conv-email_save = Сохранить
conv-forget = Забыть меня
conv-forget_confirm = Стереть то, что вы написали, ваш телефон и email? Анонимные оценки останутся в статистике. Это нельзя отменить.
conv-ended = Этот разговор завершён. Спасибо, что написали нам!
conv-unsubscribe = Больше не присылать письма по обращению №{ $number }?
conv-unsubscribed = Готово: писем по этому обращению больше не будет. Ответы команды остаются на его странице.
conv-mail-subject = Ответ на ваше обращение №{ $number }
conv-mail-subject_resolved = Проблема решена? Обращение №{ $number }
conv-mail-reply = Команда ответила на ваше обращение №{ $number }:
conv-mail-resolved = Команда отметила обращение №{ $number } как решённое. Проблема действительно решена? Ответьте, пожалуйста, на его странице.
conv-mail-link = Открыть разговор
conv-mail-why = Вы получили это письмо, потому что оставили свой адрес на странице обращения.
conv-mail-stop = Отписаться от этих писем

## bring a friend

survey-referral_personal = Знаете, кому мы тоже понравимся? Перешлите им следующее сообщение: это ваше личное приглашение.
referral-invitation = 🎁 Рекомендую { $shop }. { $offer }
    Вот ссылка: { $link }
shop-greeting = компании
shop-greeting_named = компании «{ $name }»
shop-recommended = этот магазин
shop-recommended_named = магазин «{ $name }»
referral-share = Поделиться с другом
referral-welcome = 👋 Вас пригласил друг — добро пожаловать!
referral-own_link = Это ваша собственная ссылка-приглашение: она для ваших друзей, а не для вас.
referral-thanks = 🎉 Друг, которого вы пригласили, сделал первую покупку. Спасибо, что рекомендуете нас!

advocates-counts = 👥 «Приведи друга»: отправлено приглашений — { $sent }, пришло друзей — { $joined }, купили — { $purchased }
advocates-top = Больше всех купивших друзей привели: { $advocates }

## staff pulse (eNPS)

pulse-question = 🤝 Анонимный опрос команды: насколько вероятно, что вы порекомендуете другу работу у нас?
    0 — ни в коем случае, 10 — обязательно.
    Ответы сохраняются без вашего имени; владельцы видят только итоги и только когда ответили не меньше { $minimum } коллег.
pulse-comment = Спасибо! Ещё один необязательный вопрос: что помогло бы лучше обслуживать клиентов? Напишите одним сообщением или нажмите «Пропустить».
pulse-skip = Пропустить
pulse-thanks = Спасибо! Ваши ответы сохранены без имени.
pulse-already = Вы уже ответили, спасибо!
pulse-comment_text_only = Напишите ответ текстом или нажмите «Пропустить» под вопросом.
pulse-digest = 🤝 Пульс команды (eNPS, опрос от { $date }): { $enps }, опрошено: { $asked }
pulse-digest_too_few = 🤝 Опрос команды (опрос от { $date }): слишком мало ответов, чтобы показать итог ({ $answers }; для анонимности нужно не меньше { $minimum })
pulse-digest_comments = Что помогло бы лучше обслуживать клиентов (в случайном порядке):

help-staff =
    В этом чате:
    • ответьте на карточку обращения (или напишите в его теме) — ответ уйдёт клиенту; кто ответил первым, тот и ведёт обращение
    • сообщение, начинающееся с !, — заметка только для команды (ответ на заметку — тоже)
    • кнопки карточки: «Взять», «Назначить» (выбрать, кто ведёт обращение; бот сообщит об этом в личном чате), «Решено», «История»
    • после «Решено» бот спросит причину и что было сделано: выберите причину и ответьте на его вопрос одной строкой
    /open: обращения в работе
    /mine: обращения, которые ведёте вы
    /find ТЕКСТ: обращения по номеру, заказу, имени, телефону или словам
    /saved НАЗВАНИЕ (в ответ на карточку): отправить шаблон; /saved — список
help-manager =
    Для менеджеров:
    /dashboard: ссылка для входа в панель (обращения, команда)
    /saved: шаблоны ответов команды (добавить, удалить)
help-owner =
    Для владельцев:
    /digest: сводка за последние 7 дней
    /report 01.10.2026 31.10.2026: отчёт за любой период
    /export: ответы на опросы и обращения в таблицах (за 90 дней или между двумя датами)
    /actions: что нужно исправить в работе компании (по решённым обращениям)
    /dashboard: ссылка для входа в панель (показатели и филиалы в браузере)
    /saved: шаблоны ответов команды (добавить, удалить)
    Ваш Telegram-аккаунт как рабочий: сначала в @BotFather включите этому боту Bot Settings → Business Mode, затем в Telegram откройте Настройки → Telegram для бизнеса → Чат-боты и выберите этого бота. Тогда сообщения клиентов в аккаунт придут в чат сотрудников как обращения, а сотрудники ответят от имени аккаунта.

## chart and quiet periods

chart-band = 95%-й интервал
chart-too_few = Слишком мало ответов
chart-too_few_note = NPS считается, когда ответов не меньше { $fewest }; ниже — ответы, которые уже есть.
chart-nps_axis = NPS (от −100 до +100)
chart-period_axis = Начало периода
chart-score_axis = Оценка (0–10)
chart-answers_axis = Ответов
chart-detractors = Критики (0–6)
chart-passives = Нейтралы (7–8)
chart-promoters = Промоутеры (9–10)
chart-caption = { $period } · { $n ->
    [one] { $n } ответ
    [few] { $n } ответа
   *[many] { $n } ответов
}
digest-quiet = Тихий период: опросы не отправлялись, ответов и обращений не было.
digest-no_answers_yet = Ответов пока нет: { $invited ->
    [one] приглашён { $invited } клиент
    [few] приглашены { $invited } клиента
   *[many] приглашено { $invited } клиентов
}.

## times

time-today = сегодня до { $time }
time-tomorrow = завтра до { $time }
time-date = до { $time }

## the staff group or digest chat moved by Telegram

chat-moved-staff = ⚠️ Telegram преобразовал группу сотрудников в супергруппу (так бывает, если включить темы или сделать группу публичной), и у неё новый id: { $new } (был { $old }). Бот перешёл туда: обращения теперь приходят в неё{ $reposted ->
    [0] .
    [one] , а карточка { $reposted } открытого обращения отправлена туда заново.
    [few] , а карточки { $reposted } открытых обращений отправлены туда заново.
   *[other] , а карточки { $reposted } открытых обращений отправлены туда заново.
} Когда будет удобно, укажите STAFF_CHAT_ID={ $new } в настройках бота.
chat-moved-digest = ⚠️ Telegram преобразовал чат для сводок в супергруппу с новым id: { $new } (был { $old }). Сводки теперь приходят туда. Когда будет удобно, укажите DIGEST_CHAT_ID={ $new } в настройках бота.

## the bot removed from the staff chat, and back

chat-lost = 🚫 Бот не может писать в чат сотрудников ({ $chat }): { $reason }. Новых обращений там сейчас никто не видит. Добавьте бота в группу снова (администратором, если в группе включены темы) или проверьте STAFF_CHAT_ID. Пока ничего не теряется: новые обращения ждут и будут отправлены туда, напоминания приходят вам сюда.
chat-back = ✅ Бот снова в чате сотрудников. { $waiting ->
    [0] Ничего не ждало.
    [one] { $waiting } обращение, которое ждало, отправляется туда сейчас.
    [few] { $waiting } обращения, которые ждали, отправляются туда сейчас.
   *[other] { $waiting } обращений, которые ждали, отправляются туда сейчас.
}
chat-privacy = 🙈 Бот может не видеть, что сотрудники пишут в теме обращения: у него включён режим приватности и он не администратор группы сотрудников (ответы на его собственные сообщения он видит). Сделайте бота администратором группы или в @BotFather отправьте /setprivacy, выберите бота, Disable, затем удалите бота из группы и добавьте снова.

## a customer's thanks

thanks-welcome = Пожалуйста! 😊 Если что-то понадобится, просто напишите сюда.

## importing purchases (python -m bot import-purchases, said to the operator)

import-column_unclear = строка 1, столбец { $column } «{ $header }»: похоже на { $field }, но такого заголовка я не знаю, и значения из него потерялись бы. Назовите столбец { $code } (или привычным названием, см. docs/http-api.md) либо удалите его, если в нём что-то другое. Ничего не загружено.
import-column_twice = строка 1: столбцы { $first } «{ $first_header }» и { $second } «{ $second_header }» оба означают { $field }: оставьте один, другой удалите или переименуйте. Ничего не загружено.
import-no_order_column = нет столбца с номером заказа (order_id). Найдены: { $found }. Нужны: order_id и один из { $identifiers }; по желанию { $optional }.
import-no_customer_column = нет столбца, по которому можно узнать покупателя. Найдены: { $found }. Нужны: order_id и один из { $identifiers }; по желанию { $optional }.
import-empty = файл пустой: в нём нет ни заголовка, ни строк. Ничего не импортировано.
import-old_xls = это файл старого формата Excel (.xls, Excel 97–2003), его прочитать нельзя: откройте его в Excel или LibreOffice и сохраните как книгу Excel (.xlsx) или как CSV. Ничего не импортировано.
import-unreadable_xlsx = файл не читается как книга .xlsx ({ $error })
import-field-order_id = номер заказа
import-field-telegram_id = Telegram id
import-field-phone = телефон
import-field-external_id = код клиента
import-field-name = имя покупателя
import-field-language = язык
import-field-segment = сегмент
import-field-timezone = часовой пояс
import-field-amount = сумму покупки
import-field-currency = валюту
import-field-branch = филиал
import-field-purchased_at = дату покупки

## export (the .xlsx workbooks' sheets, column titles and codes)
export-sheet-responses = Ответы на опросы
export-sheet-complaints = Обращения
# The names of the files /export sends (`python -m bot export` keeps English names).
export-file-responses = ответы
export-file-complaints = обращения
export-yes = да
export-no = нет
export-column-id = №
export-column-order_id = Заказ
export-column-branch = Филиал
export-column-segment = Сегмент
export-column-customer_name = Клиент
export-column-telegram_name = Имя в Telegram
export-column-phone = Телефон
export-column-sent_at = Приглашение отправлено
export-column-answered_at = Ответ получен
export-column-status = Статус
export-column-nps = Оценка NPS
export-column-csat = Удовлетворённость (1–5)
export-column-expectation = По сравнению с ожиданиями
export-column-aspects = Что не понравилось
export-column-comment = Комментарий
export-column-themes = Темы
export-column-referred = Пришёл по приглашению друга
export-column-channel = Где ответил
export-column-source = Откуда
export-column-created_at = Поступило
export-column-taken_at = Взято в работу
export-column-taken_by_name = Ведёт
export-column-resolved_at = Решено
export-column-closed_at = Закрыто
export-column-reopened = Сколько раз переоткрыто
export-column-resolution_satisfied = Клиент подтвердил решение
export-column-take_due = Срок взятия
export-column-resolve_due = Срок решения
export-column-text = Что написал клиент
export-column-cause = Причина
export-column-action = Что сделано
export-column-fix_needed_at = Доработка нужна с
export-column-fix_done_at = Доработка сделана
export-survey_status-waiting_link = ждёт, пока клиент откроет ссылку
export-survey_status-scheduled = запланирован
export-survey_status-sent = отправлен, ответа нет
export-survey_status-answered = ответ получен
export-survey_status-expired = закрыт без ответа
export-survey_status-skipped = не отправлялся
export-survey_status-dismissed = клиент отказался
export-source-low_score = ответ в опросе
export-source-command = команда /complaint
export-source-message = сообщение боту
export-source-account_message = сообщение в Telegram-аккаунт магазина
export-channel-telegram = в Telegram
export-channel-web = на веб-странице

## the owners' dashboard

dashboard-title = Отзывы клиентов
dashboard-signin-go = Войти
dashboard-signin-how = Чтобы войти, отправьте /dashboard в личном чате с ботом: он пришлёт одноразовую ссылку (или, если магазин это настроил, кнопку, которая открывает эту страницу в Telegram). Администратор сервера может получить ссылку командой python -m bot dashboard-link --user ID.
dashboard-link_used = Эта ссылка для входа уже использована, устарела или неизвестна. Попросите новую у бота: /dashboard.
dashboard-slow_down = Слишком много попыток входа: подождите минуту.
dashboard-from = С
dashboard-to = По
dashboard-branch = Филиал
dashboard-team = Команда: обращения периода по тем, кто их ведёт
dashboard-team_name = Сотрудник
dashboard-team_taken = Взято
dashboard-team_resolved = Решено
dashboard-team_take = Медиана до взятия
dashboard-team_resolve = Медиана до решения
dashboard-team_confirmed = Подтвердил клиент
dashboard-accounts = Telegram-аккаунты магазина, от имени которых отвечает бот
dashboard-accounts-account = Аккаунт
dashboard-accounts-rights = Бот может
dashboard-accounts-state = Бот
dashboard-accounts-on = включён
dashboard-accounts-off = выключен или удалён
dashboard-accounts-since = Подключён
dashboard-accounts-nothing = ничего из нужного ему
dashboard-accounts-note = Подключается в Telegram этого аккаунта: Настройки → Telegram для бизнеса → Чат-боты (после того как у бота включён бизнес-режим в @BotFather: Bot Settings → Business Mode). То, что клиенты пишут туда, приходит в чат сотрудников.
dashboard-all_branches = Все филиалы
dashboard-show = Показать
dashboard-signout = Выйти
dashboard-chart = NPS и оценки от 0 до 10
dashboard-tile-response = Доля ответов
dashboard-tile-invited = { $answered } из { $invited } приглашённых
dashboard-tile-csat = Удовлетворённость (CSAT)
dashboard-tile-csat_scale = в среднем, от 1 до 5
dashboard-tile-open = Обращения в работе
dashboard-tile-overdue = просрочено: { $count }
dashboard-tile-opened = поступило за период: { $count }
dashboard-tile-answers = { $n ->
    [one] { $n } ответ
    [few] { $n } ответа
   *[many] { $n } ответов
}
dashboard-tile-change_signal = { $arrow } { $delta } к прошлому периоду: реальное изменение
dashboard-tile-change_noise = { $arrow } { $delta } к прошлому периоду: в пределах погрешности (±{ $margin })
dashboard-trend = NPS по периодам, с 95%-м интервалом
dashboard-trend-hollow = Пустая точка: меньше 30 ответов, оценка грубая.
dashboard-split = Ответы по оценкам
dashboard-funnel = Обращения периода
dashboard-funnel-opened = Поступило
dashboard-funnel-taken = Взято вовремя
dashboard-funnel-resolved = Решено вовремя
dashboard-funnel-confirmed = Клиент подтвердил решение
dashboard-funnel-taken_of = { $count } из { $of } с наступившим сроком
dashboard-funnel-resolved_of = { $count } из { $of } с наступившим сроком
dashboard-funnel-confirmed_of = { $count } из { $of } ответивших
dashboard-funnel-median = медиана { $time }
dashboard-funnel-median_business = медиана { $time } в рабочие часы ({ $wall } по часам)
dashboard-versus = По сравнению с остальными
dashboard-versus-above = ▲ на { $delta } выше остальных
dashboard-versus-below = ▼ на { $delta } ниже остальных
dashboard-versus-noise = разница в пределах погрешности (±{ $margin })
dashboard-versus-too_few = слишком мало ответов для сравнения
dashboard-versus-alone = сравнивать не с кем
dashboard-versus-note = «Выше» или «ниже» отмечено, только когда разница с остальными больше погрешности (95 %).
dashboard-themes = О чём пишут клиенты
dashboard-themes-theme = Тема
dashboard-themes-mentions = Упоминаний
dashboard-themes-detractors = От критиков
dashboard-themes-note = Комментарии, обращения и сообщения клиентов за период, каждый текст учтён по разу в каждой теме, которую он упоминает; в скобках — изменение к прошлому периоду. NPS — среди клиентов, упомянувших тему.
dashboard-unthemed = Пока ни в одной теме
dashboard-unthemed-to = Добавить «{ $word }» в тему
dashboard-unthemed-add = В тему
dashboard-unthemed-pick = тема…
dashboard-unthemed-added = Слово «{ $word }» добавлено в тему «{ $theme }»: теперь там засчитываются все его формы, и в прошлых текстах тоже.
dashboard-unthemed-note = Слова из последних комментариев и обращений за период, которые не подходят ни к одной теме, и в скольких текстах они встречаются. Слово, добавленное в тему, засчитывается в ней во всех формах, и в прошлых текстах тоже.
dashboard-questions = Ответы на каждый вопрос
dashboard-questions-answers = { $n ->
    [one] { $n } ответ
    [few] { $n } ответа
   *[many] { $n } ответов
}
dashboard-questions-mean = в среднем { $mean }
dashboard-more = Ещё за период
dashboard-link = Ваша ссылка для входа в панель: действует { $minutes } минут и для одного входа (не пересылайте её):
    { $url }
dashboard-no_address = У панели пока нет публичного адреса, поэтому ссылки, которая открылась бы на вашем телефоне, нет. Попросите того, кто обслуживает бота, указать в настройках PUBLIC_URL — публичный https-адрес бота (например, https://shop.example) — и перезапустить его.
dashboard-open = Открыть панель
command-dashboard = Панель (ссылка для входа)
dashboard-customer = Клиент
dashboard-assigned = Назначено
dashboard-nav-overview = Сводка
dashboard-nav-complaints = Обращения
dashboard-nav-comments = Комментарии
dashboard-nav-fixes = Исправления
dashboard-nav-saved = Шаблоны ответов
dashboard-saved-name = Название
dashboard-saved-language = Язык
dashboard-saved-text = Текст
dashboard-saved-delete = Удалить
dashboard-saved-add = Сохранить
dashboard-saved-hint = {"{"}name{"}"} заменяется именем клиента, {"{"}order{"}"} — номером заказа. Сотрудники отправляют шаблон командой /saved НАЗВАНИЕ в ответ на карточку или выбирают через @бот НАЗВАНИЕ.
dashboard-nav-survey = Опрос
dashboard-survey-title = Опрос, который получают клиенты
dashboard-survey-version = Версия { $version } (0 — встроенный опрос). Каждое сохранение создаёт новую версию; клиент, который уже начал отвечать, закончит свою версию.
dashboard-survey-saved = Сохранено как версия { $version }: клиенты получат её со следующего приглашения.
dashboard-survey-same = Ничего не изменилось: текущим остаётся опрос версии { $version }.
dashboard-survey-stale = Пока вы редактировали, кто-то сохранил версию { $version }. Ваши правки остались на странице, но не сохранены: сверьте их с новой версией и сохраните ещё раз.
dashboard-survey-refused = Не сохранено: исправьте отмеченное ниже. Для клиентов ничего не изменилось.
dashboard-survey-go_to = Перейти к:
dashboard-survey-time = Ответ займёт около { $seconds } с (по самому длинному пути).
dashboard-survey-time_long = Опрос дольше { $seconds } с клиенты часто бросают на середине: уберите часть вопросов или задавайте их по условию.
dashboard-survey-time_rule = Оценка на вопрос: 5 с — NPS, шкала или выбор одного варианта; 10 с — выбор нескольких; 20 с — текст. Вопрос с условием учитывается только на том пути, где его задают.
dashboard-survey-nps = NPS (всегда первый)
dashboard-survey-question = Вопрос { $n }
dashboard-survey-nps_hint = Вопрос с оценкой 0–10 и кнопками «Не сейчас» и «Больше не спрашивать». Оставьте текст пустым на всех языках, чтобы задать его стандартной формулировкой.
dashboard-survey-id = Идентификатор
dashboard-survey-type = Тип
dashboard-survey-type-scale = Шкала (например, 1–5, 1–7)
dashboard-survey-type-choice = Выбор
dashboard-survey-type-text = Текст (свободный ответ)
dashboard-survey-text = Текст вопроса
dashboard-survey-min = От
dashboard-survey-max = До
dashboard-survey-label_min = Подпись низшей оценки (необязательно)
dashboard-survey-label_max = Подпись высшей оценки (необязательно)
dashboard-survey-multiple = Можно выбрать несколько
dashboard-survey-options = Варианты ответа
dashboard-survey-options_hint = От 2 до 10 вариантов. Чтобы добавить вариант, заполните пустую строку; чтобы убрать — очистите его строку.
dashboard-survey-option_id = Идентификатор варианта
dashboard-survey-text_hint = Клиент пишет ответ сам или пропускает вопрос кнопкой.
dashboard-survey-when = Задавать, только если
dashboard-survey-always = задавать всегда
dashboard-survey-when_in = ответ — один из
dashboard-survey-when_hint = Через запятую: оценки (для NPS — 0–10 или критики, нейтралы, промоутеры) или идентификаторы вариантов.
# Категории NPS, как их называет условие (пишутся и показываются в поле).
dashboard-survey-category-detractor = критики
dashboard-survey-category-passive = нейтралы
dashboard-survey-category-promoter = промоутеры
dashboard-survey-kind-nps = NPS
dashboard-survey-kind-scale = шкала
dashboard-survey-kind-choice = выбор
dashboard-survey-kind-text = текст
dashboard-survey-complaint = Открывает обращение
dashboard-survey-complaint-none = никогда
dashboard-survey-complaint-at_most = при этой оценке и ниже
dashboard-survey-complaint-at_least = при этой оценке и выше
dashboard-survey-complaint-options = при выборе одного из вариантов
dashboard-survey-complaint_value = оценка или идентификаторы вариантов
dashboard-survey-up = ↑ Выше
dashboard-survey-down = ↓ Ниже
dashboard-survey-remove = Удалить
dashboard-survey-preview = Так клиент увидит вопрос в Telegram
dashboard-survey-same_message = Задаётся в одном сообщении с вопросом { $id }: см. его предпросмотр.
dashboard-survey-no_preview = Нажмите «Проверить и показать», чтобы увидеть вопрос глазами клиента.
dashboard-survey-add = + Добавить вопрос
dashboard-survey-full = После NPS — не больше { $most } вопросов.
dashboard-survey-variants = Варианты по филиалам и сегментам
dashboard-survey-variants_hint = Вариант задаётся вместо опроса выше покупкам своего филиала, клиентам своего сегмента или и тем и другим: вариант с филиалом и сегментом важнее варианта с одним из них, а среди равных — первый по порядку. Новый вариант начинается с копии опроса выше.
dashboard-survey-add_variant = + Добавить вариант
dashboard-survey-variant = Вариант { $n }
dashboard-survey-segment = Сегмент
dashboard-survey-variant_hint = Его вопросы — ниже. Укажите филиал, сегмент или оба.
dashboard-survey-remove_variant = Удалить этот вариант
dashboard-survey-check = Проверить и показать
dashboard-survey-save = Сохранить новую версию
survey-check-body = нужен объект с вопросами (questions) и вариантами (variants)
survey-check-type_missing = обязательное поле
survey-check-type_extra_forbidden = неизвестное поле
survey-check-type_int_type = нужно целое число
survey-check-type_string_type = нужен текст
survey-check-type_bool_type = нужно «да» или «нет»
survey-check-type_list_type = нужен список
survey-check-type_dict_type = нужен объект
survey-check-type_model_type = нужен объект
survey-check-type_literal_error = один из типов: шкала, выбор, текст
survey-check-name_length = от 1 до { $most } символов
survey-check-variant_empty = укажите филиал, сегмент или оба
survey-check-variant_twice = тот же филиал и сегмент, что у варианта { $n }
survey-check-type_elsewhere = «{ $id }» в другом месте опроса — вопрос типа «{ $type }»
survey-check-nps_first = первым всегда идёт NPS
survey-check-too_many = после NPS — не больше { $most } вопросов (сейчас { $given })
survey-check-id_taken = идентификатор «{ $id }» уже занят: у каждого свой
survey-check-built_in_csat = «csat» — встроенный вопрос об удовлетворённости: нужна шкала от { $low } до { $high }, иначе выберите другой id
survey-check-built_in_expectation = «expectation» — встроенное сравнение с ожиданиями: нужен один выбор из { $options }, иначе выберите другой id
survey-check-built_in_aspect = «aspect» — встроенный выбор того, что не понравилось: нужен тип «выбор», иначе выберите другой id
survey-check-built_in_text = «{ $id }» — встроенный текстовый вопрос: нужен тип «текст», иначе выберите другой id
survey-check-callback = Слишком длинные идентификаторы вопроса и вариантов: сократите их вместе до { $most ->
        [one] { $most } символа
       *[other] { $most } символов
    }
survey-check-id_chars = только a–z, 0–9 и _, от 1 до { $most } символов
survey-check-nps_only_first = NPS может быть только первым вопросом
survey-check-nps_always = NPS задаётся всегда
survey-check-only_scale = это бывает только у шкалы
survey-check-only_choice = это бывает только у выбора
survey-check-required_scale = у шкалы это обязательно
survey-check-required_choice = у выбора должны быть варианты
survey-check-range = от { $low } до { $high }
survey-check-above_min = должно быть больше, чем «От» ({ $min })
survey-check-scale_buttons = не больше { $most } кнопок, как у NPS 0–10 (сейчас { $given })
survey-check-options_count = от { $least } до { $most } вариантов (сейчас { $given })
survey-check-option_control = «{ $id }» — слово служебной кнопки ({ $controls }): выберите другой идентификатор
survey-check-text_missing = не заполнено: магазин работает на языках { $served }
survey-check-text_language = магазин не работает на этом языке ({ $served })
survey-check-text_empty = пусто
survey-check-text_long = Слишком длинный текст вопроса: сократите до { $most ->
        [one] { $most } символа
       *[other] { $most } символов
    }
survey-check-label_long = Слишком длинная подпись: сократите до { $most ->
        [one] { $most } символа
       *[other] { $most } символов
    }
survey-check-option_long = Слишком длинный вариант ответа: сократите до { $most ->
        [one] { $most } символа
       *[other] { $most } символов
    }
survey-check-when_unknown = нет более раннего вопроса «{ $id }»
survey-check-when_later = вопрос «{ $id }» идёт после этого: условие может ссылаться только на более ранний
survey-check-when_text = текстовый ответ не может быть условием
survey-check-when_empty = укажите хотя бы один ответ
survey-check-when_value = «{ $value }» — не ответ на вопрос { $id } ({ $answers })
survey-check-when_quoted = «{ $value }» — не ответ на вопрос { $id } ({ $answers }): оценку пишите числом, без кавычек
survey-check-complaint_text = текстовый ответ не открывает обращение
survey-check-complaint_one = выберите одно правило
survey-check-complaint_choice_only = по вариантам обращение открывает только выбор
survey-check-complaint_by_options = выбор открывает обращение по вариантам ответа
survey-check-complaint_no_options = укажите хотя бы один вариант
survey-check-no_option = нет варианта «{ $id }»
dashboard-state-all = все
dashboard-state-open = в работе
dashboard-state-overdue = просроченные
dashboard-state-resolved = решённые
dashboard-any = любой
dashboard-search = Номер, заказ, имя или слова
dashboard-older = Более ранние обращения
dashboard-none = Подходящих обращений нет.
dashboard-comments-score = Оценка
dashboard-comments-score-all = любая
dashboard-comments-score-detractor = критики (0–6)
dashboard-comments-score-passive = нейтралы (7–8)
dashboard-comments-score-promoter = промоутеры (9–10)
dashboard-comments-question = Вопрос
dashboard-comments-words = Слова
dashboard-comments-complaint = обращение №{ $number }
dashboard-comments-older = Комментарии раньше
dashboard-comments-none = Подходящих комментариев нет.
dashboard-not_found = Такого обращения нет.
dashboard-fixes_owed = 🔧 Ещё нужно исправить в работе компании: { $count }
dashboard-fixes-owed = Что нужно исправить в работе компании
dashboard-fixes-done = Уже исправлено
dashboard-fixes-theme_save = Сохранить
dashboard-timeline-take = ⏰ Напоминание в чат сотрудников: не взято в работу к { $due }
dashboard-timeline-resolve = 🚨 Передано руководителям и владельцам: не решено к { $due }
dashboard-timeline-fix_needed = 🔧 Нужно исправить в работе компании (отметка: { $name })
dashboard-timeline-fix_done = ✅ Исправлено в работе компании ({ $name })
dashboard-spreadsheet = таблица
dashboard-preset-this_week = Эта неделя
dashboard-preset-last_week = Прошлая неделя
dashboard-preset-this_month = Этот месяц
dashboard-preset-last_month = Прошлый месяц
dashboard-role-owner = владелец
complaint-card-story = Раньше: { $story }
complaint-card-story-complaints = обращений { $count } (решено по словам клиента: { $confirmed })
complaint-card-story-open = ещё в работе: { $count }
complaint-card-story-scores = прежние NPS { $scores }
complaint-card-story-purchases = покупок { $count }
