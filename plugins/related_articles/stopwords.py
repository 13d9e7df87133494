"""Common Italian words that say nothing about what an article is about.

snowballstemmer has no stop-word list, so this is ours. Words are lowercase and written as the
tokeniser sees them: it splits on apostrophes, so the elided forms ("dell'", "un'", "c'è") are
listed without theirs ("dell", "un", "c").
"""

_WORDS = """
il lo la i gli le un uno una l d c s m t v n quest quell nessun
di a da in con su per tra fra
del dello della dei degli delle dell
al allo alla ai agli alle all
dal dallo dalla dai dagli dalle dall
nel nello nella nei negli nelle nell
sul sullo sulla sui sugli sulle sull
col coi
e ed o od ma però anche neanche neppure nemmeno né se che chi cui quale quali
come quando dove perché perchè poiché mentre quindi dunque cioè oppure infatti invece
io tu lui lei noi voi loro mi ti ci vi si ne me te se sé lo gli
mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre
vostro vostra vostri vostre
questo questa questi queste quello quella quelli quelle quel quei
ciò altro altra altri altre stesso stessa stessi stesse tale tali
tutto tutta tutti tutte ogni ognuno qualche qualcosa qualcuno niente nulla nessuno nessuna
molto molta molti molte poco poca pochi poche po tanto tanta tanti tante troppo
più meno già ancora sempre mai poi prima dopo ora adesso oggi ieri domani qui qua lì là
così solo soltanto proprio quasi circa forse bene male meglio peggio davvero spesso
non no sì via senza sopra sotto dentro fuori verso contro presso durante
essere è sono sei siamo siete era erano ero eri fu furono sarà saranno sarebbe sarebbero
sia siano fosse fossero stato stata stati state
avere ho hai ha abbiamo avete hanno aveva avevano avrà avranno avrebbe abbia abbiano avuto
fare fa fanno faccio fatto fatta fatti fatte
può possono posso puoi potere potrebbe deve devono devo dovrebbe vuole vogliono
ecco due tre
"""

ITALIAN_STOP_WORDS = frozenset(_WORDS.split())
