"""Short stories in English, Russian and Korean that the parser tests put under the headers,
footers and layouts they test: written for the tests, no outlet's text."""

STORY = ("North Korea sent a delegation of railway officials to Vladivostok on Tuesday to discuss a new freight "
         "schedule, the Russian transport ministry said in a statement.\n\n"
         "The officials will also visit the Khasan border station, the ministry said.")
RU_STORY = ("Делегация железнодорожников КНДР во вторник прибыла во Владивосток, чтобы обсудить новое расписание "
            "грузовых поездов, сообщило министерство транспорта России.\n\n"
            "Гости также посетят пограничную станцию Хасан, добавили в ведомстве.")
KO_STORY = ("북한 철도 대표단이 화요일 블라디보스토크에 도착해 새 화물열차 운행 일정을 논의했다고 러시아 교통부가 "
            "밝혔다.\n\n대표단은 하산 국경역도 둘러볼 예정이라고 교통부는 덧붙였다.")
