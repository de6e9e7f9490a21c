"""Story texts for the labelled test pages. All written for these tests; the events are invented.

Each story becomes NAME.html (laid out by a template in _generate.py) and NAME.txt (the
paragraphs an extractor should return). `trap` pages carry "leader killed" headlines in their
sidebars while the story itself is about something else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    name: str
    template: (
        str  # wire | regional | arabic | blog | amp | ads | live | comments | legacy | magazine
    )
    title: str
    paragraphs: tuple[str, ...]
    author: str = ""
    published: str = ""  # ISO 8601 with offset, as a site would print it
    dek: str = ""
    trap: bool = False
    lang: str = "en"
    encoding: str = "utf-8"  # bytes written to the .html file
    declare: str = "meta"  # how the charset is declared: meta | http-equiv | none
    # live-blog entries: (time label, paragraph) pairs; the .txt keeps only the paragraphs
    times: tuple[str, ...] = ()


STORIES: tuple[Story, ...] = (
    Story(
        name="wire_raid_idlib",
        template="wire",
        title="Coalition forces capture suspected Islamic State courier in Idlib night raid",
        author="Samir Haddad",
        published="2024-03-14T06:40:00+03:00",
        paragraphs=(
            "IDLIB, Syria (Global Wire) - Helicopter-borne troops from the U.S.-led coalition "
            "detained a man described as a senior courier for the Islamic State group during a "
            "pre-dawn operation on the edge of a village north of Idlib city on Thursday, two "
            "local officials and a resident said.",
            "Residents of the village said they were woken at around 2 a.m. by the sound of at "
            "least three aircraft circling low over olive groves. Loudspeakers ordered the "
            "occupants of a two-storey house to come out, and a short exchange of gunfire "
            "followed before the building fell quiet.",
            "A coalition spokesperson confirmed that an operation had taken place but declined "
            "to name the detainee, saying only that he was believed to have moved money and "
            "messages between cells in the Syrian desert and contacts across the border. No "
            "civilians were hurt, the spokesperson said.",
            "Analysts who follow the group say couriers have become more important since the "
            "militants lost their last territory in 2019, because senior figures avoid phones "
            "and rely on trusted people to carry instructions by hand.",
            "The raid is the third of its kind in northwest Syria this year. The region is "
            "controlled by rival armed factions, and several men wanted by Washington have "
            "been found hiding there among displaced families.",
            "Local council members said troops left before sunrise and took computers and "
            "several mobile phones from the house. A second man was released at the scene "
            "after questioning.",
        ),
    ),
    Story(
        name="wire_strikes_deir",
        template="wire",
        title="Air strikes hit Islamic State hideouts in Deir ez-Zor desert, monitor says",
        author="Lina Aziz",
        published="2024-05-02T17:05:00+00:00",
        paragraphs=(
            "BEIRUT (Global Wire) - Warplanes carried out more than a dozen strikes on caves "
            "and tunnels used by Islamic State fighters in the desert south of Deir ez-Zor on "
            "Wednesday, a war monitor and a regional security source said.",
            "The strikes targeted an area near the old road between Palmyra and the Euphrates "
            "valley, where small groups of militants have ambushed army convoys and truffle "
            "hunters in recent months.",
            "The monitoring group said at least nine militants were killed, a figure that "
            "could not be independently verified. It said the raids followed an attack on "
            "Tuesday in which four soldiers died when their truck hit a roadside bomb.",
            "Attacks in the vast Badia desert have risen every spring for several years, when "
            "shepherds and foragers move into the area and the militants come out of their "
            "winter hiding places.",
            "Military officials have said they plan a longer sweep of the desert once the "
            "weather cools, but previous operations have struggled to hold ground in such a "
            "large and empty area.",
        ),
    ),
    Story(
        name="wire_successor_named",
        template="wire",
        title="Islamic State names new leader weeks after predecessor's death",
        author="Samir Haddad",
        published="2023-08-03T12:15:00+00:00",
        paragraphs=(
            "(Global Wire) - The Islamic State group announced a new leader on Thursday in an "
            "audio recording released by its media arm, weeks after the man who held the post "
            "was reported killed in fighting in northwest Syria.",
            "The spokesman in the recording gave only the new chief's nom de guerre, following "
            "the group's recent habit of keeping the real identity of its leaders secret. He "
            "called on supporters to pledge allegiance.",
            "The group has now named five leaders since 2019. Most of their predecessors died "
            "in raids or clashes within a year or two of taking the post, a sign of how much "
            "pressure the group remains under.",
            "Researchers said the short gap between the death and the announcement suggested "
            "that the leadership council had prepared a succession in advance.",
            "The recording also acknowledged the death of the previous leader for the first "
            "time, but blamed a rival jihadist faction rather than foreign troops.",
        ),
    ),
    Story(
        name="wire_iraq_budget",
        template="wire",
        title="Iraq's parliament approves three-year budget after months of wrangling",
        author="Noor Kareem",
        published="2023-06-12T21:30:00+03:00",
        trap=True,
        paragraphs=(
            "BAGHDAD (Global Wire) - Iraq's parliament passed a record three-year budget late "
            "on Monday after a marathon session, ending months of disputes between political "
            "blocs over oil revenue and public sector hiring.",
            "The spending plan assumes an oil price of seventy dollars a barrel and provides "
            "for hundreds of thousands of new government jobs, a measure lawmakers said would "
            "ease unemployment among young graduates.",
            "Economists warned that the plan leaves the country exposed to a fall in crude "
            "prices, since oil sales fund nearly all state spending and the deficit is already "
            "large.",
            "One of the most contested clauses concerns the share of the federal budget sent "
            "to the Kurdistan Region in the north, and how oil produced there is marketed.",
            "The speaker said the vote allowed ministries to start paying for projects that "
            "had been frozen since January, including schools, water plants and roads.",
        ),
    ),
    Story(
        name="wire_quake_aftershocks",
        template="wire",
        title="Strong aftershock rattles northern Syria as families stay in tents",
        author="Lina Aziz",
        published="2023-02-20T19:50:00+02:00",
        paragraphs=(
            "ALEPPO, Syria (Global Wire) - A strong aftershock shook northern Syria and "
            "southern Turkey on Monday evening, sending people running into the streets two "
            "weeks after the earthquake that flattened whole neighbourhoods.",
            "Rescue workers in Jableh and Aleppo said several already-damaged buildings "
            "collapsed, though most had been emptied. Hospitals reported dozens of people "
            "hurt, many of them in the rush to get out.",
            "Many families have refused to return to their apartments since the first "
            "disaster and are sleeping in cars, tents and public parks despite cold nights.",
            "Aid agencies say shelter is now the most urgent need. Engineers have inspected "
            "only a fraction of buildings, and residents have no way of knowing whether their "
            "homes are safe.",
            "The United Nations has appealed for more funds and for border crossings to stay "
            "open so that aid trucks can reach the northwest.",
        ),
    ),
    Story(
        name="wire_baghdad_heat",
        template="wire",
        title="Baghdad swelters as temperatures near 50C and power cuts spread",
        author="Noor Kareem",
        published="2024-07-21T14:00:00+03:00",
        trap=True,
        paragraphs=(
            "BAGHDAD (Global Wire) - Temperatures in the Iraqi capital climbed to 49 degrees "
            "Celsius on Sunday, and the government gave public employees the day off as "
            "overloaded power lines failed across several provinces.",
            "Residents said the state grid supplied only a few hours of electricity a day in "
            "some districts, leaving families to rely on neighbourhood generators that charge "
            "by the amp and struggle in the heat.",
            "Doctors at two hospitals said they had treated dozens of people for heat "
            "exhaustion, most of them outdoor workers and elderly people.",
            "Iraq imports large amounts of gas and electricity from its neighbours, and supply "
            "often falls short during summer demand peaks.",
            "The weather service expects the heat to ease slightly later in the week, but "
            "said August is likely to bring another run of extreme days.",
        ),
    ),
    Story(
        name="wire_court_verdicts",
        template="wire",
        title="Iraqi court sentences eleven men for membership of Islamic State",
        author="Hassan Jaber",
        published="2024-01-09T10:20:00+03:00",
        paragraphs=(
            "BAGHDAD (Global Wire) - A criminal court in Baghdad on Tuesday sentenced eleven "
            "men to death for belonging to the Islamic State group and taking part in attacks "
            "in Anbar province between 2014 and 2016.",
            "The defendants, several of whom were handed over by forces in northeast Syria, "
            "denied the charges and said confessions had been taken under pressure, according "
            "to a lawyer who attended the hearing.",
            "Rights groups have long criticised the speed of such trials, some of which last "
            "less than an hour and rely heavily on informant testimony.",
            "Iraqi officials say the courts are dealing with thousands of cases left from the "
            "war and that defendants have the right to appeal.",
        ),
    ),
    Story(
        name="regional_bread_prices",
        template="regional",
        title="Bread queues return to Damascus as subsidised loaf price doubles",
        author="Rana Suleiman",
        published="2024-02-05T08:00:00+02:00",
        trap=True,
        dek="Bakeries ration bags per family while the cost of flour keeps climbing.",
        paragraphs=(
            "Long lines formed outside state bakeries in several Damascus neighbourhoods on "
            "Sunday after the government doubled the price of the subsidised bread bundle, the "
            "second increase in less than a year.",
            "The ministry responsible for trade said the change was needed to cover the cost "
            "of imported wheat and fuel for ovens, and that bread was still sold far below the "
            "cost of production.",
            "Shoppers said the new price would weigh heavily on households where a public "
            "salary now covers only a small part of a month's food. Many families already "
            "skip meat and fruit.",
            "Each family is limited to a fixed number of bundles a day through an electronic "
            "card, and some bakers said they had run out of flour by midday.",
            "Private bakeries, which are not covered by the subsidy, sell bread at several "
            "times the state price, putting it out of reach for most people in the city.",
            "Aid workers say the wheat harvest in the northeast has been poor for three years "
            "running because of drought, forcing the country to buy more grain abroad.",
        ),
    ),
    Story(
        name="regional_mosul_rebuild",
        template="regional",
        title="Mosul's old city slowly rises from the rubble",
        author="Omar Fadel",
        published="2023-11-18T11:45:00+03:00",
        dek="Restorers are rebuilding the mosque and churches destroyed in the battle of 2017.",
        paragraphs=(
            "Stonemasons chip at blocks of pale marble in the narrow lanes of Mosul's old "
            "city, where the battle to drive out the Islamic State group left almost nothing "
            "standing six years ago.",
            "Work on the famous leaning minaret and the mosque beside it is nearly finished, "
            "and two churches a few streets away have reopened their doors to worshippers.",
            "Engineers leading the project said they reused as many original stones as they "
            "could recover from the debris, numbering each one and storing it in a warehouse "
            "while the foundations were repaired.",
            "Many former residents have still not come back. Some cannot afford to rebuild "
            "their homes, and others are waiting for compensation promised by the government.",
            "Shopkeepers in the nearby market say visitors from other provinces have started "
            "to return on weekends, and that business is better than at any time since the "
            "fighting.",
        ),
    ),
    Story(
        name="regional_alhol_returns",
        template="regional",
        title="Dozens of Iraqi families leave al-Hol camp for rehabilitation centre",
        author="Rana Suleiman",
        published="2024-04-23T09:10:00+03:00",
        paragraphs=(
            "A convoy of buses carrying more than one hundred Iraqi families left the al-Hol "
            "camp in northeast Syria on Monday, the latest group to be brought home under a "
            "repatriation programme run by Baghdad.",
            "The camp holds tens of thousands of women and children, many of them relatives of "
            "Islamic State fighters, and aid groups have described conditions there as "
            "dangerous and unsanitary.",
            "The families will spend several months at a centre south of Mosul, where they "
            "receive psychological support and vocational training before being allowed to go "
            "back to their home towns.",
            "Local leaders in some areas have resisted the returns, saying communities that "
            "suffered under the militants are not ready to accept the families.",
            "Officials from the Kurdish-led administration that runs the camp have urged other "
            "countries to take back their own citizens, saying they cannot guard it "
            "indefinitely.",
        ),
    ),
    Story(
        name="regional_fuel_queue",
        template="regional",
        title="Drivers wait hours for petrol as fuel shortage grips Syrian cities",
        author="Omar Fadel",
        published="2023-09-30T16:25:00+03:00",
        trap=True,
        paragraphs=(
            "Cars stretched for more than a kilometre outside petrol stations in Damascus and "
            "Homs this week as a fresh fuel shortage forced authorities to cut the amount each "
            "driver can buy.",
            "Taxi drivers said they now receive a text message telling them when they may "
            "fill up, often only once every ten days, and that they had raised fares to make "
            "up for lost working time.",
            "Officials blamed the shortage on delays in tanker deliveries. Independent "
            "economists said falling currency reserves make it hard for the state to pay for "
            "imports on time.",
            "Fuel sold outside the rationing system on the black market costs several times "
            "the official rate, and sellers line the roads with plastic jerrycans.",
        ),
    ),
    Story(
        name="arabic_raid_deir",
        template="arabic",
        lang="ar",
        title="عملية إنزال جوي تستهدف خلية لتنظيم الدولة في ريف دير الزور",
        author="أحمد العلي",
        published="2024-06-11T04:30:00+03:00",
        paragraphs=(
            "نفذت قوات التحالف الدولي فجر اليوم الثلاثاء عملية إنزال جوي في قرية بريف دير "
            "الزور الشرقي، استهدفت منزلاً يشتبه في أنه يؤوي عناصر من خلية تابعة لتنظيم الدولة "
            "الإسلامية، بحسب مصادر محلية.",
            "وقال سكان من القرية إن طائرات مروحية حلقت على ارتفاع منخفض لأكثر من ساعة، وسمعت "
            "أصوات اشتباكات متقطعة قبل أن تنسحب القوة باتجاه قاعدة قريبة.",
            "وأفادت المصادر بأن القوة اعتقلت شخصين على الأقل، بينهم قيادي محلي في التنظيم كان "
            "مسؤولاً عن جمع الأموال من التجار وأصحاب المحال في المنطقة.",
            "ولم يصدر التحالف حتى الآن بياناً رسمياً حول العملية، في حين فرضت القوات المحلية "
            "طوقاً أمنياً حول القرية ومنعت الدخول إليها لساعات.",
            "وتشهد المنطقة منذ أشهر عمليات مشابهة تستهدف خلايا التنظيم التي تنشط في البادية "
            "وتشن هجمات على الحواجز العسكرية.",
        ),
    ),
    Story(
        name="arabic_aleppo_power",
        template="arabic",
        lang="ar",
        encoding="windows-1256",
        declare="meta",
        title="ساعات تقنين الكهرباء تطول في حلب مع اشتداد البرد",
        author="منى الحسن",
        published="2024-01-15T13:00:00+02:00",
        trap=True,
        paragraphs=(
            "يشكو سكان مدينة حلب من زيادة ساعات تقنين التيار الكهربائي خلال الأسابيع الأخيرة، "
            "إذ لا تتجاوز مدة وصول الكهرباء ساعتين في اليوم في معظم الأحياء.",
            "ويعتمد كثير من العائلات على الاشتراك في المولدات الخاصة، لكن ارتفاع سعر المازوت "
            "جعل كلفة الاشتراك الشهري تفوق قدرة أصحاب الدخل المحدود.",
            "وقالت مديرية الكهرباء إن السبب يعود إلى نقص كميات الغاز الواصلة إلى محطات التوليد، "
            "ووعدت بتحسن الوضع مع وصول شحنات جديدة خلال الشهر المقبل.",
            "ولجأ بعض السكان إلى تركيب ألواح الطاقة الشمسية على أسطح المنازل، رغم أسعارها "
            "المرتفعة وضعف أدائها في أيام الشتاء الغائمة.",
        ),
    ),
    Story(
        name="arabic_pound_rate",
        template="arabic",
        lang="ar",
        title="الليرة السورية تسجل تراجعاً جديداً أمام الدولار في السوق الموازية",
        author="أحمد العلي",
        published="2023-08-16T10:05:00+03:00",
        trap=True,
        paragraphs=(
            "سجلت الليرة السورية تراجعاً جديداً في السوق الموازية اليوم الأربعاء، وسط حالة من "
            "الترقب في الأسواق بعد قرار رفع أسعار المحروقات.",
            "وقال تجار في دمشق إن أسعار المواد الغذائية ارتفعت خلال يومين فقط، وإن كثيراً من "
            "الزبائن باتوا يشترون حاجاتهم بالقطعة بدلاً من الكيلو.",
            "ويرى اقتصاديون أن زيادة الرواتب التي أعلنتها الحكومة لن تعوض خسارة القدرة "
            "الشرائية، لأن الأسعار ترتفع بوتيرة أسرع بكثير.",
            "وأغلقت بعض المحال أبوابها مؤقتاً بانتظار استقرار سعر الصرف، خوفاً من بيع بضائعها "
            "بأقل من كلفة تعويضها.",
        ),
    ),
    Story(
        name="blog_succession_analysis",
        template="blog",
        title="Why the Islamic State keeps its leaders anonymous",
        author="Dr. Ellen Marsh",
        published="2023-12-02T09:00:00-05:00",
        paragraphs=(
            "When the Islamic State announced its latest leader, it gave the world little "
            "more than a borrowed name. That choice is not an accident, and it tells us a lot "
            "about how the group now sees its own survival.",
            "In the years of the so-called caliphate, the leader's face and voice were part of "
            "the brand. Sermons were filmed, speeches were distributed widely, and the figure "
            "at the top was meant to be seen.",
            "That changed after a string of successful raids. Each time a leader was found, "
            "the trail usually ran through couriers, relatives or people who knew who he "
            "really was. Anonymity shrinks that circle.",
            "There is a cost, of course. A leader nobody can picture is hard to rally behind, "
            "and regional branches in Africa and Afghanistan have grown more independent as "
            "the centre has become quieter.",
            "For counter-terrorism agencies the shift means that announcements matter less "
            "than patterns: who is moving money, which branches send reports back to Syria, "
            "and where messengers travel.",
            "My own view is that the group will keep this approach as long as its leaders "
            "hide in crowded areas of northwest Syria, where the main threat is betrayal from "
            "within rather than a strike from the air.",
        ),
    ),
    Story(
        name="blog_erbil_citadel",
        template="blog",
        title="A slow afternoon on the Erbil citadel",
        author="Jonah Price",
        published="2024-03-28T18:30:00+03:00",
        trap=True,
        paragraphs=(
            "I climbed the ramp up to the citadel just after lunch, when the heat had chased "
            "most visitors into the shade of the tea houses below.",
            "The mound has been lived on for thousands of years, and you feel it in the way "
            "the alleys bend around each other. Some houses are being restored, others are "
            "still locked behind rusted gates.",
            "The textile museum near the main gate was my favourite stop. A volunteer showed "
            "me woven saddle bags and explained how each pattern belongs to a particular "
            "region and family.",
            "From the southern wall you can look down on the bazaar and the fountains of the "
            "square. As the sun dropped, families came out to walk and the sellers of roasted "
            "corn lit their coals.",
            "If you go, bring water, wear good shoes and leave time for a glass of tea in the "
            "old tea house by the clock tower. It is the best seat in town for watching the "
            "city go by.",
        ),
    ),
    Story(
        name="blog_kibbeh_recipe",
        template="blog",
        title="My grandmother's baked kibbeh, step by step",
        author="Maya Khoury",
        published="2023-10-14T12:00:00+03:00",
        trap=True,
        paragraphs=(
            "Baked kibbeh was the dish my grandmother made whenever the whole family came "
            "together, and it is still the first thing I cook when I miss home.",
            "Start by soaking two cups of fine bulgur in cold water for fifteen minutes, then "
            "squeeze it dry in your hands. It should feel damp but not wet.",
            "Mix the bulgur with minced lean beef, a grated onion, salt, cumin and a pinch of "
            "cinnamon. Knead it for several minutes until it becomes a smooth paste.",
            "For the filling, fry more minced meat with chopped onions and pine nuts, and "
            "season it with allspice. Let it cool before you build the dish.",
            "Press half of the paste into an oiled tray, spread the filling over it, then "
            "cover with the rest of the paste. Cut a diamond pattern on top, pour over a "
            "little melted butter and bake until golden.",
            "Serve it with plain yoghurt and a green salad. Leftovers are even better cold the "
            "next day.",
        ),
    ),
    Story(
        name="blog_osint_geolocation",
        template="blog",
        title="How we geolocated the Raqqa strike video in an afternoon",
        author="Kit Alvarez",
        published="2024-02-19T15:40:00+00:00",
        paragraphs=(
            "A short clip posted on Sunday claimed to show a drone strike on a car near Raqqa. "
            "Before sharing it, our small team wanted to know where and when it was filmed.",
            "The first clue was a grain silo with a collapsed roof visible for a few frames at "
            "the start. Silos are rare enough in the area that we could list every one of "
            "them from satellite imagery.",
            "We then matched the curve of the road and a row of pylons on the left of the "
            "frame, which narrowed the location to a stretch of highway east of the city.",
            "Shadows gave us a rough time of day. The long shadow of the pylons pointed "
            "north-west, which fits with the early morning rather than the afternoon.",
            "None of this tells us who was in the car or who fired. It does tell us the video "
            "is recent and genuine, which is the first step before any other claim can be "
            "checked.",
        ),
    ),
    Story(
        name="blog_oil_markets",
        template="blog",
        title="Oil prices, Iraqi exports and the quiet power of pipelines",
        author="Priya Raman",
        published="2024-05-10T07:15:00+01:00",
        trap=True,
        paragraphs=(
            "Iraq sells most of its crude through terminals in the far south, which makes the "
            "whole economy depend on a handful of loading points in the Gulf.",
            "For years a pipeline to the Turkish coast offered a second route for oil from "
            "the north. Since that route stopped, producers in Kurdistan have had few ways to "
            "reach world markets.",
            "That matters beyond the region. When a supplier loses an export path, buyers "
            "turn to other sources, and prices shift in ways that are hard to trace back to "
            "a closed valve.",
            "The lesson I take from this is simple. Pipelines look like dull infrastructure, "
            "but they shape politics as much as any election or treaty.",
        ),
    ),
    Story(
        name="amp_raqqa_strike",
        template="amp",
        title="Drone strike near Raqqa kills senior Islamic State official, coalition says",
        author="Daniel Mercer",
        published="2024-07-08T13:55:00Z",
        paragraphs=(
            "A drone strike near the northern Syrian city of Raqqa killed a senior Islamic "
            "State official responsible for planning attacks on prisons, the U.S.-led "
            "coalition said on Monday.",
            "The statement said the man was travelling on a motorcycle on a rural road when "
            "he was hit, and that there were no signs that civilians had been harmed.",
            "According to the coalition, he had helped organise attempts to free detained "
            "fighters from jails run by Kurdish-led forces, including a large assault on a "
            "prison in Hasakah in 2022.",
            "Residents of a nearby village said they heard a loud explosion and saw smoke "
            "rising from the road, which was later closed by security forces.",
            "The coalition keeps several hundred troops in northeast Syria and says its "
            "mission is to prevent the group from regaining strength.",
        ),
    ),
    Story(
        name="amp_football_qualify",
        template="amp",
        title="Iraq beat Jordan to reach World Cup qualifying final round",
        author="Ali Mansour",
        published="2024-06-11T22:10:00+03:00",
        trap=True,
        paragraphs=(
            "Iraq secured a place in the final round of World Cup qualifying on Tuesday with "
            "a two-goal win over Jordan in front of a sold-out stadium in Basra.",
            "The home side took the lead just before half-time with a header from a corner, "
            "and added a second from the penalty spot with ten minutes to play.",
            "Fans celebrated in the streets of Baghdad and Basra long into the night, waving "
            "flags from car windows and setting off fireworks.",
            "The coach praised his players for their discipline and said the team would need "
            "to improve away from home to have a chance of reaching the tournament.",
        ),
    ),
    Story(
        name="amp_hasakah_prison",
        template="amp",
        title="Guards repel attack on Hasakah detention centre holding militants",
        author="Daniel Mercer",
        published="2023-10-27T03:20:00+03:00",
        paragraphs=(
            "Kurdish-led forces said they repelled an overnight attack on a detention centre "
            "in the northeast Syrian city of Hasakah that holds thousands of suspected "
            "Islamic State fighters.",
            "A spokesman said a small group of gunmen approached the compound from the south "
            "and fired at a guard tower before withdrawing under fire. One guard was wounded.",
            "Security was increased around the facility after a large assault in 2022, when "
            "the militants used car bombs and inmates rioted in an attempt to escape.",
            "The Kurdish-led administration has repeatedly warned that it lacks the resources "
            "to hold the detainees for years and has called for an international tribunal.",
        ),
    ),
    Story(
        name="ads_sdf_detentions",
        template="ads",
        title="Joint operation detains Islamic State cell members in eastern Syria",
        author="Karim Nasser",
        published="2024-08-19T11:00:00+03:00",
        paragraphs=(
            "Kurdish-led forces backed by coalition aircraft detained five suspected members "
            "of an Islamic State cell in a series of raids in villages east of the Euphrates "
            "on Sunday, the forces said.",
            "A statement said the cell had planted explosives on roads used by oil tankers "
            "and collected protection money from local traders.",
            "Weapons, ammunition and a small workshop for making bombs were found in one of "
            "the houses searched, according to the statement.",
            "Residents said troops surrounded the villages before dawn and asked men to gather "
            "in the main square while houses were searched.",
            "The region has seen frequent raids in recent months as the forces try to stop "
            "the group rebuilding its networks among young men who have few jobs.",
            "Tribal leaders said they supported efforts against the cells but asked that "
            "detainees' families be told where they were being held.",
        ),
    ),
    Story(
        name="ads_wheat_harvest",
        template="ads",
        title="Farmers in Hasakah count losses as drought shrinks wheat harvest",
        author="Karim Nasser",
        published="2023-06-01T08:45:00+03:00",
        trap=True,
        paragraphs=(
            "Farmers in Hasakah province say this year's wheat harvest is one of the worst "
            "they can remember, after a winter with little rain and a spring of hot winds.",
            "On many rain-fed fields the stalks barely reached knee height, and some growers "
            "let their sheep graze on the crop instead of paying to harvest it.",
            "Irrigated land along the rivers did better, but pumping water has become "
            "expensive because of the rising price of diesel.",
            "Grain buyers set a purchase price that farmers described as too low to cover "
            "seeds, fertiliser and fuel, and some said they would plant less next season.",
            "The poor harvest adds to pressure on bread supplies across the country, which "
            "depends on the northeast for much of its wheat.",
        ),
    ),
    Story(
        name="ads_kirkuk_attack",
        template="ads",
        title="Two soldiers killed in attack on army post south of Kirkuk",
        author="Huda Salim",
        published="2024-09-03T23:40:00+03:00",
        paragraphs=(
            "Gunmen attacked an Iraqi army observation post in the hills south of Kirkuk late "
            "on Tuesday, killing two soldiers and wounding three, security officials said.",
            "The officials blamed the attack on Islamic State militants who move through the "
            "valleys between Kirkuk, Salahuddin and Diyala provinces.",
            "Reinforcements were sent to the area and aircraft searched the nearby ravines "
            "overnight, but no arrests were reported.",
            "Attacks in this strip of land have fallen sharply in recent years but have not "
            "stopped, because the terrain makes it hard for troops to control.",
        ),
    ),
    Story(
        name="ads_baghdad_startup",
        template="ads",
        title="Baghdad delivery app grows as young Iraqis shop from their phones",
        author="Huda Salim",
        published="2024-04-02T10:30:00+03:00",
        trap=True,
        paragraphs=(
            "A grocery delivery app started by three friends in Baghdad now handles thousands "
            "of orders a day, a sign of how quickly young Iraqis have moved their shopping "
            "online.",
            "The founders said they began by delivering vegetables by motorbike in a single "
            "neighbourhood and expanded once they saw customers ordering again every week.",
            "Most customers still pay cash on delivery because few Iraqis use bank cards, and "
            "drivers carry change and small card readers.",
            "Investors from the Gulf have put money into several local start-ups this year, "
            "though founders complain of slow internet and complicated regulations.",
            "The company now plans to expand to Basra and Erbil and to add pharmacy deliveries "
            "by the end of the year.",
        ),
    ),
    Story(
        name="live_quake_updates",
        template="live",
        title="Live: Earthquake hits Turkey and Syria - latest updates",
        author="Live team",
        published="2023-02-06T05:10:00+03:00",
        times=("09:50", "09:12", "08:31", "07:45", "07:02", "06:20"),
        paragraphs=(
            "Rescue teams in northwest Syria say they are digging through the rubble with "
            "their hands in several towns because heavy machinery cannot get through blocked "
            "roads.",
            "The death toll in Syria has risen to several hundred, according to health "
            "officials and rescue workers. The numbers are expected to climb much higher.",
            "Turkey has declared a state of alert and asked for international search and "
            "rescue teams. Flights at two southern airports have been suspended.",
            "A second strong tremor has been felt across the region. Residents say they are "
            "staying outside despite rain and freezing temperatures.",
            "Hospitals in Aleppo and Idlib report that they are overwhelmed and short of "
            "blood, fuel for generators and painkillers.",
            "A powerful earthquake struck southern Turkey near the Syrian border before dawn, "
            "shaking buildings as far away as Lebanon and Cyprus.",
        ),
    ),
    Story(
        name="live_iraq_elections",
        template="live",
        title="Iraq provincial elections: as it happened",
        author="Live team",
        published="2023-12-18T20:00:00+03:00",
        trap=True,
        times=("21:40", "20:15", "18:00", "15:30", "12:05", "07:00"),
        paragraphs=(
            "The electoral commission says preliminary results will be published within "
            "twenty-four hours, once ballots from all provinces have been counted.",
            "Turnout stood at about forty percent when polls closed, slightly up on the last "
            "parliamentary vote, according to the commission.",
            "Polls have been extended by one hour in several Baghdad districts after voters "
            "complained of problems with the electronic voter cards.",
            "The prime minister cast his vote in the capital and urged citizens to take part, "
            "saying local councils decide how services are delivered.",
            "Observers report a quiet morning at most polling stations, with long queues in "
            "some southern cities and short ones in the north.",
            "Polling stations opened at seven o'clock in fifteen provinces for the first local "
            "elections in a decade.",
        ),
    ),
    Story(
        name="live_badia_operation",
        template="live",
        title="Live: Army and allies launch desert sweep against Islamic State cells",
        author="Live team",
        published="2024-10-05T06:00:00+03:00",
        times=("16:20", "14:05", "11:30", "09:45", "06:10"),
        paragraphs=(
            "State media say the operation has cleared a large area east of Palmyra and that "
            "troops will set up new positions on high ground before nightfall.",
            "A monitoring group reports that at least six soldiers have been wounded by a "
            "landmine on a track north of the town of Sukhnah.",
            "Helicopters have been seen flying over the desert south of Deir ez-Zor, residents "
            "say, and the main highway has been closed to civilian traffic.",
            "Military sources describe the sweep as the largest in the desert this year, "
            "involving several brigades and allied militias.",
            "Troops backed by aircraft began moving into the Badia desert at dawn to hunt "
            "Islamic State cells blamed for a string of ambushes.",
        ),
    ),
    Story(
        name="comments_financier_arrest",
        template="comments",
        title="Police detain suspected Islamic State financier in Istanbul",
        author="Elif Demir",
        published="2024-02-27T12:40:00+03:00",
        paragraphs=(
            "Turkish police detained a Syrian man suspected of raising money for the Islamic "
            "State group during a raid on a flat in Istanbul, officials said on Tuesday.",
            "The man is accused of receiving transfers through informal money changers and "
            "passing the funds to families of detained fighters in camps in northeast Syria.",
            "Investigators seized cash in several currencies, gold jewellery and notebooks "
            "containing what officials described as a list of payments.",
            "Turkey has arrested hundreds of suspected members of the group in recent years, "
            "many of them in operations against networks that move money and people across "
            "the border.",
            "A court will decide whether to keep the suspect in custody pending trial.",
        ),
    ),
    Story(
        name="comments_euphrates_water",
        template="comments",
        title="Falling Euphrates leaves farmers and power plants short of water",
        author="Elif Demir",
        published="2023-07-12T09:00:00+03:00",
        trap=True,
        paragraphs=(
            "The level of the Euphrates in northern Syria has fallen to one of its lowest "
            "points in decades, exposing sandbanks and leaving irrigation pumps high and dry.",
            "Farmers along the river near Raqqa said they had abandoned their summer crops "
            "because channels that fed their fields no longer carry water.",
            "The hydroelectric dams on the river produce less power when the level drops, "
            "adding to power cuts in towns already short of electricity.",
            "Local officials blame reduced flow from upstream as well as a series of dry "
            "winters, and have called for a regional agreement on sharing the river.",
            "Doctors warn that people drinking untreated river water face a higher risk of "
            "cholera and other diseases during the summer months.",
        ),
    ),
    Story(
        name="comments_returnees_trial",
        template="comments",
        title="Woman repatriated from Syrian camp goes on trial in Germany",
        author="Hannah Vogel",
        published="2024-03-05T10:00:00+01:00",
        paragraphs=(
            "A woman brought back to Germany from a camp in northeast Syria went on trial on "
            "Tuesday, accused of membership of a terrorist organisation and of neglecting her "
            "duty of care towards her children.",
            "Prosecutors say she travelled to Syria in 2015, married a fighter of the Islamic "
            "State group and lived in houses taken from families who had fled.",
            "Her lawyer told the court she had been young and manipulated, and that she had "
            "tried to leave the group's territory several times.",
            "Germany has brought back several dozen women and children from the camps, and a "
            "number of the women have since been convicted.",
            "The trial is expected to last until the summer.",
        ),
    ),
    Story(
        name="legacy_palmyra_restoration",
        template="legacy",
        title="Restorers begin work on damaged arch at Palmyra",
        author="Staff reporter",
        published="2023-05-22",
        paragraphs=(
            "Specialists have started the first stage of rebuilding the monumental arch at "
            "the ancient city of Palmyra, which was blown up by Islamic State militants during "
            "their occupation of the site.",
            "The team is sorting hundreds of carved fragments scattered on the ground and "
            "photographing each piece to build a digital model of the original structure.",
            "Archaeologists said the work could take several years and would use original "
            "stone wherever possible, with new pieces clearly marked.",
            "The desert city was once a stop on caravan routes between the Mediterranean and "
            "the east, and its temples and colonnades drew large numbers of tourists before "
            "the war.",
        ),
    ),
    Story(
        name="legacy_lebanon_border",
        template="legacy",
        title="Smuggling routes busy again on Syria-Lebanon border",
        author="Staff reporter",
        published="2024-01-30",
        trap=True,
        paragraphs=(
            "Smugglers are moving fuel, flour and people across the mountainous border between "
            "Syria and Lebanon in larger numbers, according to residents of border villages.",
            "Young men from both sides say a night's work carrying goods on foot pays more "
            "than a month in a regular job.",
            "Army patrols have closed some crossings with earth mounds, but locals say new "
            "paths appear within days.",
            "Traders say the routes exist because prices on the two sides of the border rise "
            "and fall at different speeds, making almost anything worth carrying.",
        ),
    ),
    Story(
        name="magazine_truffle_hunters",
        template="magazine",
        title="The truffle hunters of the Syrian desert",
        author="Leila Barakat",
        published="2024-03-30T08:00:00+03:00",
        dek="Each spring, families risk mines and militants for a fungus worth more than meat.",
        paragraphs=(
            "When the first spring rains soak the Syrian desert, families from towns along "
            "its edge load up their pick-up trucks and drive out before sunrise to look for "
            "desert truffles.",
            "The pale, knobbly fungi grow just beneath the surface, and experienced hunters "
            "spot them by the small cracks they leave in the earth. A good day can bring in "
            "more money than a month of wages.",
            "The season is also one of the most dangerous times of the year. Mines left from "
            "years of fighting lie hidden in the same ground, and each spring brings reports "
            "of people killed by explosions.",
            "Militants hiding in the desert have attacked hunters too, stealing their harvest "
            "or kidnapping them for ransom. Some families now go out only in large groups.",
            "Despite the risks, buyers in city markets say demand has never been higher. The "
            "truffles are fried with eggs, cooked with lamb or simply roasted over coals.",
            "One hunter, a retired teacher, told me he goes out every year because his father "
            "did. The desert, he said, gives you something and then asks you to pay for it.",
        ),
    ),
    Story(
        name="magazine_raqqa_school",
        template="magazine",
        title="A school in Raqqa teaches children who lost years to war",
        author="Leila Barakat",
        published="2023-10-02T08:00:00+03:00",
        dek="Catch-up classes try to give older pupils a second chance at reading and maths.",
        paragraphs=(
            "In a repainted classroom in Raqqa, twelve-year-olds sit beside pupils half their "
            "age, sounding out letters they should have learned long ago.",
            "Under the militants' rule, schools were closed or turned into places of "
            "propaganda, and many families kept their children at home for years.",
            "The catch-up programme squeezes two years of the curriculum into one, with extra "
            "hours for reading and arithmetic and sessions with a counsellor.",
            "Teachers say the hardest part is not the lessons but the fear some children still "
            "carry. Loud noises can bring a whole class to a halt.",
            "Funding for the programme is due to run out next year, and the head teacher said "
            "she does not know yet how the school will keep its doors open.",
        ),
    ),
)
