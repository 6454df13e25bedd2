package text

import (
	"fmt"
	"maps"
	"strings"
)

// This file holds the word lists the rule-based recognisers use. They are
// read-only after package initialisation. Keys are folded with Key.

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(words, "|") {
		if w = strings.TrimSpace(w); w != "" {
			m[Key(w)] = true
		}
	}
	return m
}

// speechVerbs are the verbs that attribute a quote, English and Spanish,
// in the forms news prose uses.
var speechVerbs = set(`said|says|say|told|tells|tell|added|adds|wrote|writes|asked|asks|explained|explains|
continued|continues|noted|notes|argued|argues|insisted|insists|tweeted|tweets|declared|declares|stated|
replied|replies|recalled|recalls|warned|warns|claimed|claims|announced|announces|acknowledged|acknowledges|
admitted|admits|answered|answers|responded|responds|remarked|observed|observes|suggested|suggests|
conceded|concedes|countered|counters|charged|complained|complains|joked|jokes|quipped|quips|
shouted|shouts|yelled|yells|testified|testifies|predicted|predicts|promised|promises|vowed|vows|pledged|
pledges|boasted|boasts|cautioned|cautions|emphasized|emphasised|emphasizes|stressed|stresses|posted|
mused|muses|wondered|wonders|agreed|agrees|recounted|recounts|explain|argue|write|
asserted|asserts|contended|contends|exclaimed|exclaims|reiterated|reiterates|urged|urges|
dijo|dice|afirmó|afirma|señaló|señala|aseguró|asegura|explicó|explica|declaró|declara|indicó|indica|
añadió|añade|agregó|agrega|manifestó|manifiesta|sostuvo|sostiene|apuntó|apunta|subrayó|subraya|
destacó|destaca|advirtió|advierte|comentó|comenta|expresó|expresa|insistió|insiste|precisó|precisa|
recordó|recuerda|reconoció|reconoce|aclaró|aclara|admitió|admite|anunció|anuncia|respondió|responde|
preguntó|pregunta|escribió|escribe|concluyó|concluye|denunció|denuncia|relató|relata|contó|cuenta|
remarcó|remarca|enfatizó|enfatiza|lamentó|lamenta|criticó|critica|defendió|defiende|opinó|opina|
prometió|promete|sentenció|sentencia|zanjó|resumió|resume|confesó|confiesa|detalló|detalla|
exigió|exige|reclamó|reclama|pidió|pide|reprochó|reprocha|acusó|acusa|valoró|valora|celebró|celebra|
avisó|avisa|alertó|alerta|aseveró|asevera|matizó|matiza|replicó|replica|ironizó|añadió|
interjected|interjects|boomed|booms|reacted|reacts|echoing|chimed|
cry|cried|cries|chant|chants|
citing|cited|cites|quoting|
groused|grouses|gushed|gushes|scoffed|scoffs|snapped|snaps|sniped|snipes|opined|opines|chided|chides|
teased|teases|fumed|fumes|whispered|screamed|cried|raved|raves|griped|gripes|
decried|decries|mocked|mocks|dubbed|dubs|derided|derides|bemoaned|bemoans|lamented|laments|praised|praises|
criticized|criticised|criticizes|accused|accuses|blasted|blasts|slammed|slams|attacked|questioned|
touted|touts|denounced|denounces|condemned|condemns|hailed|hails|lauded|lauds|dismissed|dismisses|
rejected|rejects|apologized|apologised|highlighted|highlights|described|referred|refers|mused|
lecturing|yelling|shouting|barked|barks|pledging|ripped|rips|chanting|chanted|chants|proclaiming|
proclaimed|proclaims|say|tell|ask|add|note|claim|insist|warn|quipping|joking|responding|replying|
pointed|points|concluded|concludes|echoed|echoes|retorted|retorts|reported|reports|reads|read|calls|called|
labeled|labelled|labels|described|describes|thanked|quoted|continued|emailed|texted|
saying|telling|writing|adding|noting|arguing|explaining|asking|claiming|insisting|warning|declaring|
stating|tweeting|calling|describing|labeling|labelling|urging|vowing|promising|predicting|recalling|
diciendo|afirmando|señalando|asegurando|explicando|añadiendo|agregando|advirtiendo|indicando|recordando`)

// participles are speech verbs that hang off a main clause ("…, saying
// that"): their speaker is the subject of the sentence.
var participles = set(`saying|telling|writing|adding|noting|arguing|explaining|asking|claiming|insisting|
warning|declaring|stating|tweeting|calling|describing|labeling|labelling|urging|vowing|promising|
predicting|recalling|diciendo|afirmando|señalando|asegurando|explicando|añadiendo|agregando|advirtiendo|
indicando|recordando`)

// pronounGender maps subject pronouns to a gender ("m", "f", "" for any
// person or group).
var pronounGender = map[string]string{
	"he": "m", "she": "f", "they": "", "él": "m", "ella": "f", "ellos": "", "ellas": "f",
	"i": "", "we": "", "yo": "", "nosotros": "", "it": "",
}

// personTitles mark a following name as a person; the value is the gender
// the title implies ("" when it says nothing).
var personTitles = map[string]string{
	"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "dr": "", "prof": "", "professor": "", "sir": "m",
	"dame": "f", "lord": "m", "lady": "f", "president": "", "vice president": "", "prime minister": "",
	"minister": "", "secretary": "", "senator": "", "sen": "", "rep": "", "representative": "",
	"gov": "", "governor": "", "mayor": "", "judge": "", "justice": "", "chancellor": "", "king": "m",
	"queen": "f", "prince": "m", "princess": "f", "pope": "m", "rev": "", "reverend": "", "father": "m",
	"gen": "", "general": "", "col": "", "colonel": "", "lt": "", "capt": "", "captain": "", "sgt": "",
	"sergeant": "", "officer": "", "detective": "", "chief": "", "coach": "", "speaker": "",
	"ambassador": "", "commissioner": "", "superintendent": "", "sheriff": "", "deputy": "", "attorney general": "",
	"sr": "m", "sra": "f", "srta": "f", "señor": "m", "señora": "f", "don": "m", "doña": "f", "presidente": "m",
	"presidenta": "f", "ministro": "m", "ministra": "f", "alcalde": "m", "alcaldesa": "f", "senador": "m",
	"senadora": "f", "diputado": "m", "diputada": "f", "juez": "", "jueza": "f", "doctor": "m", "doctora": "f",
	"secretario": "m", "secretaria": "f", "gobernador": "m", "gobernadora": "f", "portavoz": "", "rey": "m", "reina": "f",
	"consejero": "m", "consejera": "f", "vicepresidente": "m", "vicepresidenta": "f", "canciller": "",
	"candidate": "", "candidato": "m", "candidata": "f", "spokesman": "m", "spokeswoman": "f", "spokesperson": "",
	// Plural titles and ranks the splitter keeps with the names they
	// precede ("Sens. Jon Tester and Jeff Merkley"): a title, never a
	// word of the name.
	"sens": "", "reps": "", "govs": "", "gens": "", "maj": "", "brig": "", "adm": "", "amb": "",
	"cmdr": "", "supt": "", "atty": "", "cpl": "", "pvt": "",
}

// roleNouns are the head nouns of a role or affiliation ("the foreign
// minister", "a spokeswoman for the agency").
var roleNouns = set(`president|minister|secretary|senator|representative|congressman|congresswoman|governor|
mayor|judge|justice|chancellor|spokesman|spokeswoman|spokesperson|official|officials|director|chairman|
chairwoman|chair|chief|executive|ceo|founder|leader|candidate|nominee|aide|adviser|advisor|strategist|
manager|analyst|economist|professor|researcher|scientist|expert|lawyer|attorney|prosecutor|officer|
commander|general|ambassador|diplomat|negotiator|commissioner|head|member|lawmaker|legislator|activist|
organizer|organiser|witness|resident|survivor|doctor|physician|nurse|teacher|student|author|journalist|
reporter|editor|columnist|historian|pollster|consultant|chairperson|partner|owner|employee|worker|
supporter|voter|campaign|spokeswoman|deputy|sheriff|coach|player|host|anchor|writer|staffer|surrogate|
operative|strategist|speaker|whip|treasurer|secretary-general|mother|father|son|daughter|wife|husband|
presidente|presidenta|ministro|ministra|secretario|secretaria|portavoz|senador|senadora|diputado|diputada|
alcalde|alcaldesa|gobernador|gobernadora|director|directora|jefe|jefa|líder|candidato|candidata|asesor|
asesora|analista|economista|profesor|profesora|investigador|investigadora|experto|experta|abogado|abogada|
fiscal|juez|jueza|embajador|embajadora|consejero|consejera|vocero|vocera|responsable|dirigente|coordinador|
coordinadora|delegado|delegada|representante|miembro|testigo|vecino|vecina|médico|médica|autor|autora|
periodista|historiador|historiadora|fundador|fundadora|consejero|canciller|vicepresidente|vicepresidenta`)

// orgHeads are words that make a capitalised sequence an organisation,
// wherever they occur in it.
var orgHeads = set(`ministry|department|agency|inc|corp|corporation|co|ltd|llc|plc|gmbh|sa|party|council|
university|college|school|institute|institution|foundation|association|federation|union|committee|
commission|court|bank|fund|group|company|board|bureau|office|service|services|authority|administration|
organization|organisation|network|times|post|news|journal|tribune|herald|press|television|tv|radio|
airlines|airways|motors|technologies|systems|holdings|partners|capital|senate|congress|parliament|
assembly|house|police|army|navy|force|forces|guard|church|hospital|center|centre|club|team|league|
society|trust|alliance|coalition|front|movement|campaign|exchange|reserve|treasury|cabinet|government|
realty|industries|enterprises|awards|award|prize|festival|conference|summit|commission|brigade|church|
mosque|temple|museum|library|orchestra|studios|pictures|records|labs|laboratories|pharmaceuticals|
ministerio|agencia|universidad|partido|consejo|banco|fondo|comisión|comité|tribunal|juzgado|gobierno|
instituto|fundación|asociación|federación|sindicato|empresa|grupo|policía|ejército|congreso|senado|
parlamento|ayuntamiento|junta|generalitat|diputación|audiencia|fiscalía|hospital|servicio|oficina|
secretaría|dirección|confederación|organización|cámara|corte|sala|guardia|armada|unión|frente|movimiento`)

// notStartNames are capitalised words that begin sentences (or headlines)
// but never begin a name. They are dropped from the start of a
// capitalised run.
var notStartNames = set(`the|a|an|this|that|these|those|it|its|he|she|they|we|i|you|his|her|their|our|my|
your|but|and|or|so|yet|if|when|while|after|before|since|because|although|though|as|at|in|on|of|for|to|
from|by|with|without|about|into|over|under|between|during|despite|for|then|there|here|now|today|
yesterday|tomorrow|also|still|even|only|just|many|most|some|more|all|both|each|every|no|not|none|
one|two|three|four|five|six|seven|eight|nine|ten|first|last|next|another|other|such|what|which|who|
whom|whose|where|why|how|yes|however|meanwhile|instead|indeed|moreover|furthermore|thus|asked|
according|following|like|unlike|among|against|across|through|throughout|until|upon|within|
monday|tuesday|wednesday|thursday|friday|saturday|sunday|
el|la|los|las|un|una|unos|unas|este|esta|estos|estas|ese|esa|eso|aquel|aquella|lo|le|les|se|su|sus|
pero|y|o|ni|si|cuando|mientras|después|antes|desde|porque|aunque|como|en|de|del|al|por|para|con|sin|
sobre|entre|durante|según|hoy|ayer|mañana|también|además|sin embargo|ya|aún|todavía|muchos|muchas|
algunos|algunas|todos|todas|cada|ningún|ninguna|otro|otra|otros|otras|qué|quién|dónde|cómo|cuál|
él|ella|ellos|ellas|nosotros|yo|tras|hasta|hacia|ante|bajo|contra|mediante|así|luego|entonces|
lunes|martes|miércoles|jueves|viernes|sábado|domingo|mr|mrs|ms|dr`)

// nameConnectors may sit inside a name or organisation between
// capitalised words.
var nameConnectors = set(`of|de|del|la|las|los|for|and|y|the|van|von|der|den|da|di|du|le|bin|al|el|e|on`)

// months, English and Spanish, to month number.
var months = joinDisjoint(englishMonths, spanishMonths)

// englishMonths, names and abbreviations, to month number: the one
// English month list, read by dates and the "next" plan rule
// (EnglishPlan).
var englishMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12,
}

// spanishMonths, to month number: the one Spanish month list, read by
// dates, events and the "próximo" plan rule (SpanishPlan).
var spanishMonths = map[string]int{
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}

// weekdays, English and Spanish (accent-folded), to time.Weekday numbers.
var weekdays = joinDisjoint(englishWeekdays, spanishWeekdays)

// englishWeekdays, to time.Weekday numbers: the one English weekday list.
var englishWeekdays = map[string]int{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// spanishWeekdays (accent-folded), to time.Weekday numbers: the one
// Spanish weekday list.
var spanishWeekdays = map[string]int{
	"domingo": 0, "lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6,
}

// MonthNumber returns the month that key, a word folded as Key folds
// it, names in English or Spanish ("march", "mar", "marzo"), and whether
// it names one. Other packages read the month list through it, so that
// there is one.
func MonthNumber(key string) (int, bool) {
	m, ok := months[key]
	return m, ok
}

// SpanishMonth reports whether key, folded as Key folds it, is a Spanish
// month name: one written in lower case, where capitals cannot mark it.
func SpanishMonth(key string) bool {
	_, ok := spanishMonths[key]
	return ok
}

// WeekdayNumber returns the time.Weekday number of the day that key,
// folded as Key folds it, names in English or Spanish ("friday",
// "viernes"), and whether it names one.
func WeekdayNumber(key string) (int, bool) {
	wd, ok := weekdays[key]
	return wd, ok
}

// isWeekday reports whether key, folded as Key folds it, is an English or
// Spanish weekday (Sunday is 0 in weekdays, so presence is what tells).
func isWeekday(key string) bool {
	_, ok := weekdays[key]
	return ok
}

// joinDisjoint is a and b in one map. It panics if they share a key,
// which would silently keep b's number: the lists it joins are the
// package's own, so a clash is an edit's mistake, caught at start.
func joinDisjoint(a, b map[string]int) map[string]int {
	out := maps.Clone(a)
	for k, v := range b {
		if _, ok := out[k]; ok {
			panic(fmt.Sprintf("text: word lists share the key %q", k))
		}
		out[k] = v
	}
	return out
}

// places is a small gazetteer: countries, major cities, US states and
// regions, in English and Spanish.
var places = set(`Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|
Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|
Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|
Eritrea|Estonia|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|
Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|
Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|
Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nepal|Netherlands|
Holland|New Zealand|Nicaragua|Niger|Nigeria|North Korea|South Korea|Korea|North Macedonia|Norway|Oman|
Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|
Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|
South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|
Togo|Tunisia|Turkey|Turkmenistan|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|
United States of America|America|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Britain|
Great Britain|England|Scotland|Wales|Northern Ireland|Gaza|West Bank|Crimea|Kashmir|Tibet|Hong Kong|
Europe|Asia|Africa|Latin America|South America|North America|Middle East|Antarctica|Arctic|Caribbean|
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|
Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|
North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|
Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico|
London|Paris|Berlin|Madrid|Barcelona|Rome|Milan|Moscow|Kyiv|Kiev|Beijing|Shanghai|Tokyo|Seoul|Delhi|
New Delhi|Mumbai|Karachi|Islamabad|Kabul|Tehran|Baghdad|Damascus|Beirut|Jerusalem|Tel Aviv|Cairo|
Istanbul|Ankara|Athens|Lisbon|Dublin|Brussels|Amsterdam|Vienna|Prague|Warsaw|Budapest|Stockholm|Oslo|
Copenhagen|Helsinki|Geneva|Zurich|Nairobi|Lagos|Johannesburg|Cape Town|Sydney|Melbourne|Toronto|
Montreal|Vancouver|Ottawa|Chicago|Los Angeles|San Francisco|Boston|Philadelphia|Houston|Dallas|Miami|
Atlanta|Seattle|Detroit|Denver|Phoenix|Las Vegas|New Orleans|Baltimore|Cleveland|Pittsburgh|
Washington D.C.|New York City|Brooklyn|Queens|Bronx|Staten Island|Silicon Valley|Manhattan|Mexico City|Bogota|Bogotá|Lima|Santiago|Buenos Aires|Caracas|Quito|
La Paz|Montevideo|Havana|La Habana|São Paulo|Sao Paulo|Rio de Janeiro|Brasilia|Sevilla|Seville|Valencia|
Bilbao|Málaga|Zaragoza|Granada|Toledo|Cataluña|Catalonia|Andalucía|Andalusia|Galicia|País Vasco|
Basque Country|Canarias|Canary Islands|Baleares|Asturias|Murcia|Navarra|Aragón|Extremadura|
Castilla y León|Castilla-La Mancha|Cantabria|La Rioja|Guadalajara|Monterrey|Tijuana|Medellín|Cali|
Panamá|Perú|México|Brasil|Francia|Alemania|Italia|Reino Unido|Estados Unidos|EEUU|EE.UU.|EE UU|Rusia|
Ucrania|Japón|Marruecos|Argelia|Egipto|Irán|Irak|Siria|Líbano|Turquía|Grecia|Suecia|Noruega|Dinamarca|
Finlandia|Polonia|Bélgica|Países Bajos|Holanda|Suiza|Austria|Irlanda|Escocia|Inglaterra|Canadá|
Haití|República Dominicana|Sudáfrica|Nueva Zelanda|Corea del Sur|Corea del Norte|Pekín|Londres|
Moscú|Berlín|Roma|Nueva York|Washington|Bruselas|Lisboa|Ginebra|Atenas|Estambul|Jerusalén|Oriente Medio|
Oriente Próximo|Europa|América Latina|Latinoamérica|Iberoamérica|África|Asia|Cisjordania|
U.S.|US|USA|UK|U.K.|EU|UAE`)

// placeOnlyAcronyms are all-capital words that name places, not
// organisations.
var placeOnlyAcronyms = set(`US|USA|UK|UAE|EEUU|DC|AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|
ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|NYC|LA|UE`)

// unisexNames are given names borne by men and women alike ("Terry
// Strada" is a woman, "Terry Branstad" a man): they make a person, but
// tell no gender, so a pronoun of either gender may refer to them.
var unisexNames = set(`Terry|Dana|Jean|Kim|Pat|Jordan|Kelly|Leslie|Lindsey|Jesse|Robin|Casey|Taylor|
Jamie|Morgan|Jackie|Tracy|Stacy|Shannon`)

// firstNames maps common given names to a gender ("m" or "f"). It covers
// English and Spanish names; a name in it makes a capitalised sequence a
// person.
var firstNames = func() map[string]string {
	m := map[string]string{}
	add := func(g, names string) {
		for _, n := range strings.Split(names, "|") {
			if n = strings.TrimSpace(n); n != "" {
				m[Key(n)] = g
			}
		}
	}
	add("m", `James|John|Robert|Michael|William|David|Richard|Joseph|Thomas|Charles|Christopher|Daniel|
Matthew|Anthony|Mark|Donald|Steven|Paul|Andrew|Joshua|Kenneth|Kevin|Brian|George|Timothy|Ronald|Edward|
Jason|Jeffrey|Ryan|Jacob|Gary|Nicholas|Eric|Jonathan|Stephen|Larry|Justin|Scott|Brandon|Benjamin|Samuel|
Gregory|Alexander|Frank|Patrick|Raymond|Jack|Dennis|Jerry|Tyler|Aaron|Jose|Adam|Nathan|Henry|Douglas|
Zachary|Peter|Kyle|Ethan|Walter|Noah|Jeremy|Christian|Keith|Roger|Terry|Gerald|Harold|Sean|Austin|Carl|
Arthur|Lawrence|Dylan|Jesse|Jordan|Bryan|Billy|Joe|Bruce|Gabriel|Logan|Albert|Willie|Alan|Juan|Wayne|
Elijah|Randy|Roy|Vincent|Ralph|Eugene|Russell|Bobby|Mason|Philip|Louis|Bill|Bernie|Mike|Jim|Tom|Ted|
Chris|Ben|Marco|Rand|Jeb|Newt|Mitt|Barack|Hillary|Tim|Rick|Reince|Corey|Steve|Rudy|Chuck|Harry|Nancy|
Rudolph|Ron|Dick|Al|Jimmy|Lindsey|Marco|Bobby|Rahm|Eric|Jared|Boris|Emmanuel|Vladimir|Xi|Narendra|
Recep|Benjamin|Justin|Angela|Olaf|Pedro|Mariano|Pablo|Santiago|Alberto|Felipe|Carlos|Luis|Jorge|Javier|
Manuel|Antonio|Francisco|Miguel|Rafael|Fernando|Sergio|Alejandro|Diego|Andrés|Ricardo|Eduardo|Roberto|
Enrique|Ramón|Raúl|Óscar|Oscar|Gustavo|Mauricio|Nicolás|Sebastián|Gonzalo|Ignacio|Iñigo|Jaime|Joaquín|
Julio|Lorenzo|Marcelo|Mario|Martín|Rodrigo|Salvador|Tomás|Vicente|Xavier|Hugo|Emilio|Gabriel|Josep|
Jordi|Xavier|Íñigo|Alfonso|Agustín|Arturo|Ernesto|Esteban|Federico|Guillermo|Héctor|Jesús|Lucas|Marcos|
Nelson|Rubén|Álvaro|Ángel|Adrián|Cristian|Daniel|Isaac|Iván|Max|Muhammad|Mohammed|Ahmed|Ali|Omar|Hassan|
Abdul|Ibrahim|Yusuf|Mustafa|Kim|Hans|Klaus|Karl|Friedrich|Giuseppe|Giovanni|Matteo|Luca|François|
Jean|Pierre|Jacques|Nicolas|Emmanuel|Dmitry|Sergei|Sergey|Alexei|Ivan|Volodymyr|Viktor|Andrzej|Lech|
Jeff|Ken|Dan|Doug|Greg|Matt|Nick|Rob|Sam|Tony|Jon|Josh|Will|Dave|Andy|Fred|Pat|Lou|Ray|Ed|Gov|Beto|Pete|
Kamala|Cory|Julian|Howard|Lyndon|Franklin|Theodore|Abraham|Ulysses|Woodrow|Herbert|Dwight|Gerald|
Kellyanne|Sean|Reince|Steve|Stephen|Jared|Rex|Wilbur|Jeff|Mick|Newt|Orrin|Mitch|Paul|Rick|Ben|Lincoln|
Trey|Jason|Devin|Adam|Elijah|Jerrold|Marcus|Cornel|Van|Ezra|Nate|Dana|Rod|Dale|Glenn|Rush|Alex`)
	add("f", `Mary|Patricia|Jennifer|Linda|Elizabeth|Barbara|Susan|Jessica|Sarah|Karen|Lisa|Nancy|Betty|
Margaret|Sandra|Ashley|Kimberly|Emily|Donna|Michelle|Carol|Amanda|Dorothy|Melissa|Deborah|Stephanie|
Rebecca|Sharon|Laura|Cynthia|Kathleen|Amy|Angela|Shirley|Anna|Brenda|Pamela|Emma|Nicole|Helen|
Samantha|Katherine|Christine|Debra|Rachel|Carolyn|Janet|Catherine|Maria|Heather|Diane|Ruth|Julie|
Olivia|Joyce|Virginia|Victoria|Kelly|Lauren|Christina|Joan|Evelyn|Judith|Megan|Andrea|Cheryl|Hannah|
Jacqueline|Martha|Gloria|Teresa|Ann|Sara|Madison|Frances|Kathryn|Janice|Jean|Abigail|Alice|Judy|Sophia|
Grace|Denise|Amber|Doris|Marilyn|Danielle|Beverly|Isabella|Theresa|Diana|Natalie|Brittany|Charlotte|
Marie|Kayla|Alexis|Lori|Hillary|Chelsea|Melania|Ivanka|Michelle|Huma|Kellyanne|Hope|Sarah|Elizabeth|
Nikki|Carly|Condoleezza|Madeleine|Hilary|Tammy|Kirsten|Amy|Jeanne|Sheila|Debbie|Loretta|Sonia|Ruth|
Elena|Sally|Valerie|Susana|Theresa|Ursula|Christine|Marine|Giorgia|Jacinda|Kamala|Alexandria|Ilhan|
Rashida|Ayanna|Stacey|Tulsi|Kristen|Katie|Jill|Kate|Liz|Meg|Nina|Rosa|Carmen|Ana|Isabel|Lucía|Lucia|
Pilar|Dolores|Mercedes|Cristina|Marta|Raquel|Beatriz|Elena|Silvia|Patricia|Paula|Sofía|Sofia|Irene|
Inés|Alicia|Rocío|Montserrat|Núria|Teresa|Yolanda|Begoña|Ainhoa|Itziar|Inmaculada|Concepción|Ángela|
Margarita|Verónica|Claudia|Gabriela|Adriana|Daniela|Valeria|Mariana|Fernanda|Alejandra|Lorena|
Natalia|Sandra|Mónica|Esperanza|Luz|Leticia|Rosario|Guadalupe|Josefina|Macarena|Soraya|Yolanda|
Cayetana|Inés|Isabel|Dilma|Cristina|Michelle|Xiomara|Claudia|Fatima|Aisha|Amina|Leila|Yulia|Olga|
Natalia|Svetlana|Angela|Annalena|Marianne|Brigitte|Ségolène|Sylvie|Giulia|Francesca|Carolina|Ada|Manuela|
Susana|Reyes|Nadia|Ione|Irene|Yolanda|Meritxell|Arancha|Esperanza|Rosa|Celia|Lola|Julia|Eva|Laia|Marina`)
	return m
}()
