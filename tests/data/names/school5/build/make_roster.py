#!/usr/bin/env python3
"""Build the synthetic roster for Calder Ings Academy (invented all-through academy,
Pennine Ridge Learning Trust, in the invented northern town of Brackendale).

Deterministic (fixed seed).  Writes ../roster.csv and people.json (internal side data:
gender, year group, family links) used by make_subjects.py.
Standard library only.
"""
import csv, json, random, unicodedata, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
DOMAIN = "calderings.org.uk"
rng = random.Random(20261130)

# ---------------------------------------------------------------- pools
# origin: (boys, girls, surnames)
POOLS = {
 "english": ("Oliver George Harry Alfie Freddie Theo Oscar Leo Archie Noah Jacob Tommy Reggie Bobby Stanley Albie Harvey Kai Mason Riley Jayden Tyler Callum Liam Connor Ethan Lewis Ryan Dylan Kyle Brandon Joshua Luke".split(),
             "Olivia Amelia Isla Ava Lily Freya Poppy Evie Ella Millie Sophie Daisy Rosie Layla Lacey Mia Maisie Darcy Ellie Chloe Holly Paige Jessica Megan Courtney Keira Skye Harper Willow Lottie".split(),
             "Whitaker Holroyd Sykes Ackroyd Haigh Brearley Crossley Sutcliffe Pickles Greenwood Firth Shaw Barraclough Ramsden Lumb Hirst Priestley Gledhill Dobson Wadsworth Midgley Illingworth Hepworth Bottomley Schofield Stansfield Atkinson Robinson Thompson Wilson Wright Clarke Jackson Harrison Marsden Lockwood Kershaw Mitchell Bairstow Oldroyd".split()),
 "wordsur": ([], [], "Holmes Moss Marsh Street Lane Hill Ford Winter Frost Snow Gold Silver Cross Black White Brown Green Gray Short Little Small Love Wise Bright Dean Parsons Chapman Walker Fisher Taylor Cooper Carpenter Potter Turner Hunter Archer Bowman Spencer Chamberlain Sargent German French Welsh Scott English Irish Holland Wales Chester Lincoln Preston York Kent Derby".split()),
 "scottish": ("Calum Ewan Fraser Struan Lachlan Finlay".split(), "Eilidh Kirsty Morven Isla Ailsa Mhairi".split(), "MacLeod McAllister Campbell Drummond Baird Lennox Mackintosh".split()),
 "irish": ("Oisín Ciarán Seán Pádraig Cillian Darragh".split(), "Niamh Aoife Saoirse Siobhán Róisín Clodagh".split(), "O'Sullivan Doherty Kavanagh McGinley O'Donoghue Quinlan Ní Bhriain".split()),
 "welsh": ("Rhys Gethin Dafydd Iolo Osian".split(), "Cerys Ffion Siân Nia Megan".split(), "Pryce Llewellyn Evans Bowen Prosser".split()),
 "pakistani": ("Muhammad Ayaan Zayn Ibrahim Yusuf Haris Rayyan Abdullah Hassan Zakariya Mikail Ehsan".split(),
               "Aisha Maryam Zara Hafsa Inaya Khadijah Iqra Mehwish Sana Alishba Eman Zainab".split(),
               "Hussain Akhtar Mahmood Iqbal Rashid Khan Butt Raja Qureshi Kayani Zaman Mirza Ashraf Bashir".split()),
 "bangladeshi": ("Tahmid Rafi Shahid Sabbir Nabil".split(), "Sumaiya Tasnim Nusrat Farhana Raisa".split(), "Uddin Miah Rahman Chowdhury Islam Hoque".split()),
 "indian": ("Arjun Rohan Dev Harjot Gurveer".split(), "Anaya Priya Diya Simran Harleen".split(), "Patel Sharma Singh Gill Sandhu Mistry Parmar".split()),
 "polish": ("Jakub Szymon Filip Mikołaj Antoni Kacper Wojciech".split(), "Wiktoria Zuzanna Zofia Julia Oliwia Natalia".split(), "Kowalczyk Zieliński Wójcik Nowak Mazur Krawczyk Lewandowski Dąbrowski Pawlak".split()),
 "slovak": ("Matej Samuel Tomáš Patrik Erik".split(), "Natália Lucia Klaudia Nikoleta".split(), "Horváth Kováč Baláž Oláh Lakatoš".split()),
 "roma": ("Dominik Denis Marek Roman".split(), "Sabina Vanesa Kristýna Denisa".split(), "Dužda Gaži Bihári Sivák Lacko Mižigár".split()),
 "romanian": ("Andrei Ionuț Alexandru Ștefan Darius".split(), "Ioana Bianca Andreea Maria Alexia".split(), "Popescu Ionescu Stoica Dumitru Rusu Munteanu Popa".split()),
 "lithuanian": ("Lukas Matas Dominykas Jokūbas".split(), "Emilija Gabija Ugnė Austėja".split(), "Kazlauskas Jankauskas Vaitkus Petrauskas".split()),
 "latvian": ("Roberts Kristaps Markuss".split(), "Elza Marta Paula".split(), "Bērziņš Ozols Liepa Kalniņš".split()),
 "kurdish": ("Rebin Aram Hawre Karwan".split(), "Dilan Shilan Rozhin Lana".split(), "Rasul Karim Aziz Hama Amin".split()),
 "iranian": ("Arash Kian Dariush Aria".split(), "Parisa Shirin Mahsa Yasmin".split(), "Hosseini Rahimi Mohammadi Jafari Moradi".split()),
 "syrian": ("Omar Yaman Ahmad Kareem".split(), "Rama Sham Jana Lamar".split(), "al-Hassan Haddad Khalil Al-Masri Darwish".split()),
 "eritrean": ("Yonas Filmon Robel Dawit".split(), "Senait Ruta Helen Selam".split(), "Tesfay Ghebremariam Berhane Kidane Tekle".split()),
 "sudanese": ("Mazin Mohamed Osama".split(), "Amna Hiba Reem".split(), "Osman Elamin Abdelrahman Babiker".split()),
 "somali": ("Abdirahman Liban Mustafe Guled".split(), "Hodan Ifrah Ayan Sahra".split(), "Warsame Farah Jama Abdi Hersi Ali".split()),
 "nigerian": ("Chidi Emeka Femi Tunde Chinedu Ifeanyi".split(), "Chiamaka Adaeze Ngozi Temitope Favour Blessing".split(), "Okafor Adeyemi Okonkwo Eze Nwosu Adebayo Ogunleye Chukwu Babatunde Oyelaran".split()),
 "ghanaian": ("Kwame Kofi Yaw Kojo".split(), "Ama Akua Efua Abena".split(), "Mensah Boateng Owusu Asante Appiah Osei Agyeman".split()),
 "zimbabwean": ("Tatenda Tinashe Tafadzwa Takudzwa".split(), "Rutendo Nyasha Chiedza Tariro".split(), "Moyo Ncube Dube Sibanda Chikwanha Mutasa Nyathi".split()),
 "congolese": ("Glodi Dieudonné Exaucé Jonathan".split(), "Merveille Christelle Grâce Divine".split(), "Mukendi Kabongo Ilunga Tshibangu Mbuyi".split()),
 "chinese": ("Yichen Hao Zihan".split(), "Xinyi Yuxuan Ruoxi".split(), "Wang Zhang Chen Liu Huang".split()),
 "hongkong": ("Chun Hei|Ka Ho|Tsz Hin".split("|"), "Hoi Ying|Tsz Ching|Wing Yan".split("|"), "Chan Wong Lam Cheung Leung Yip".split()),
 "filipino": ("Jhon Paul|Mark Anthony|Rey".split("|"), "Mary Grace|Princess|Angelica|Kristine".split("|"), "Santos Reyes|dela Cruz|Bautista|Villanueva|Mendoza".replace(" ", "|").split("|")),
 "ukrainian": ("Mykola Oleksandr Bohdan Taras".split(), "Sofiia Anastasiia Daryna Yeva".split(), "Shevchuk Kovalenko Bondarenko Tkachenko Melnyk".split()),
 "portuguese": ("João Tiago Rodrigo Duarte".split(), "Beatriz Inês Leonor".split(), "da Silva|dos Santos|Ferreira|Pereira|Gonçalves".split("|")),
 "spanish": ("Alejandro Pablo Hugo".split(), "Lucía Carmen Alba".split(), "Fernández Ruiz Moreno".split()),
 "italian": ("Matteo Lorenzo".split(), "Giulia Francesca".split(), "Esposito Romano Ricci".split()),
 "greek": ("Nikos Georgios".split(), "Eleni Katerina".split(), "Papadopoulos Georgiou Nikolaidis".split()),
 "turkish": ("Emre Kerem Yusuf".split(), "Elif Zeynep Defne".split(), "Yılmaz Demir Şahin Öztürk Aydın".split()),
 "albanian": ("Arben Erion Ardit".split(), "Klea Besa Arta".split(), "Hoxha Krasniqi Berisha Gashi".split()),
 "vietnamese": ("Minh Huy Duc".split(), "Linh Thảo Anh".split(), "Nguyen Tran Pham Hoang Vu".split()),
 "thai": ("Nattapong Krit".split(), "Ploy Siriporn Pim".split(), "Saetang Srisuk Wongsakul".split()),
}
# fix pools that were split awkwardly
POOLS["kurdish"] = (POOLS["kurdish"][0], POOLS["kurdish"][1], ["Rasul", "Karim", "Aziz", "Hama Amin", "Mahmud"])
POOLS["filipino"] = (POOLS["filipino"][0], POOLS["filipino"][1], ["Santos", "Reyes", "dela Cruz", "Bautista", "Villanueva", "Mendoza"])
POOLS["irish"] = (POOLS["irish"][0], POOLS["irish"][1], ["O'Sullivan", "Doherty", "Kavanagh", "McGinley", "O'Donoghue", "Quinlan"])

# weights for bulk pupils (town mix)
WEIGHTS = {"english": 30, "wordsur": 0, "scottish": 3, "irish": 3, "welsh": 2, "pakistani": 16, "bangladeshi": 4,
           "indian": 3, "polish": 6, "slovak": 3, "roma": 3, "romanian": 4, "lithuanian": 2, "latvian": 1,
           "kurdish": 2, "iranian": 2, "syrian": 2, "eritrean": 2, "sudanese": 1, "somali": 2, "nigerian": 4,
           "ghanaian": 2, "zimbabwean": 2, "congolese": 2, "chinese": 1, "hongkong": 2, "filipino": 2,
           "ukrainian": 2, "portuguese": 1, "spanish": 1, "italian": 1, "greek": 1, "turkish": 1, "albanian": 1,
           "vietnamese": 1, "thai": 1}

# ---------------------------------------------------------------- hand-made people
# (key, first, preferred, last, kind, gender, year, family)  year: R,1..13 for pupils
# family = shared tag so parents / siblings can be linked
SPECIAL = [
 # word first names / word surnames / traps
 ("hope", "Hope", "", "Whitaker", "pupil", "f", 7, "whitaker"),
 ("faith", "Faith", "", "Okafor", "pupil", "f", 9, "okafor"),
 ("bliss", "Bliss", "", "Mensah", "pupil", "f", 8, "mensah"),
 ("rain", "Rain", "", "Holroyd", "pupil", "f", 3, "holroyd"),
 ("river", "River", "", "Holroyd", "pupil", "m", 5, "holroyd"),
 ("hunter", "Hunter", "", "Sykes", "pupil", "m", 10, "sykes"),
 ("sonny", "Sonny", "", "Moss", "pupil", "m", 8, "moss"),
 ("ruby", "Ruby", "", "Hill", "pupil", "f", 4, "hill"),
 ("amber", "Amber", "", "Street", "pupil", "f", 11, "street"),
 ("honor", "Honor", "", "Lane", "pupil", "f", 6, "lane"),
 ("lark", "Lark", "", "Taylor", "pupil", "f", 2, "taylor"),
 ("wren", "Wren", "", "Marsh", "pupil", "f", 9, "marsh"),
 ("blue", "Blue", "", "Walker", "pupil", "m", 1, "walker"),
 ("noble", "Noble", "", "Chikwanha", "pupil", "m", 10, "chikwanha"),
 ("happy", "Happy", "", "Moyo", "pupil", "f", 12, "moyo"),
 ("gift", "Gift", "", "Ncube", "pupil", "m", 8, "ncube"),
 ("memory", "Memory", "", "Dube", "pupil", "f", 13, "dube"),
 ("precious", "Precious", "", "Sibanda", "pupil", "f", 7, "sibanda"),
 ("loyal", "Loyal", "", "Nyathi", "pupil", "m", 9, "nyathi"),
 ("king", "King", "", "Boateng", "pupil", "m", 4, "boateng"),
 ("prince", "Prince", "", "Adeyemi", "pupil", "m", 11, "adeyemi"),
 ("duke", "Duke", "", "Owusu", "pupil", "m", 6, "owusu"),
 ("brooke", "Brooke", "", "Frost", "pupil", "f", 10, "frost"),
 ("summer", "Summer", "", "Gold", "pupil", "f", 8, "gold"),
 ("will", "William", "Will", "Chester", "pupil", "m", 12, "chester"),
 ("art", "Arthur", "Art", "Pickles", "pupil", "m", 3, "pickles"),
 ("jack", "Jack", "", "English", "pupil", "m", 9, "english"),
 ("frank", "Frank", "", "German", "pupil", "m", 7, "german"),
 ("miles", "Miles", "", "Holmes", "pupil", "m", 11, "holmes"),
 ("major", "Major", "", "Agyeman", "pupil", "m", 5, "agyeman"),
 ("storm", "Storm", "", "Barraclough", "pupil", "f", 6, "barraclough"),
 ("grace", "Grace", "", "French", "pupil", "f", 10, "french"),
 ("sky", "Skye", "", "Spencer", "pupil", "f", 9, "spencer"),
 ("dawn", "Dawn", "", "Kershaw", "staff", "f", None, "kershaw_s"),
 ("mercy", "Mercy", "", "Asante", "pupil", "f", 8, "asante"),
 ("patience", "Patience", "", "Osei", "parent", "f", None, "osei"),
 ("patiencep", "Patience", "", "Mutasa", "pupil", "f", 12, "mutasa"),
 ("rich", "Richard", "Rich", "Turner", "staff", "m", None, "turner_s"),
 ("pat", "Patricia", "Pat", "Cooper", "staff", "f", None, "cooper_s"),
 ("sue", "Susan", "Sue", "Carpenter", "staff", "f", None, "carpenter_s"),
 ("guy", "Guy", "", "Fisher", "staff", "m", None, "fisher_s"),
 ("bill", "William", "Bill", "Potter", "staff", "m", None, "potter_s"),
 ("mark", "Mark", "", "Chamberlain", "staff", "m", None, "chamberlain_s"),
 ("june", "June", "", "Bowman", "staff", "f", None, "bowman_s"),
 ("may", "May", "", "Lincoln", "parent", "f", None, "lincoln"),
 ("mayp", "Emily", "", "Lincoln", "pupil", "f", 4, "lincoln"),
 # Autumn / Florence / Paris-type ambiguous names
 ("autumn", "Autumn", "", "Wise", "pupil", "f", 7, "wise"),
 ("florence", "Florence", "", "Preston", "pupil", "f", 9, "preston"),
 ("sienna", "Sienna", "", "York", "pupil", "f", 5, "york"),
 ("chelsea", "Chelsea", "", "Kent", "pupil", "f", 13, "kent"),
 ("tyler", "Tyler", "", "Derby", "pupil", "m", 10, "derby"),
 ("joy", "Joy", "", "Bright", "staff", "f", None, "bright_s"),
 ("holly", "Holly", "", "Winter", "pupil", "f", 2, "winter"),
 ("jade", "Jade", "", "Silver", "pupil", "f", 11, "silver"),
 ("ivy", "Ivy", "", "Cross", "pupil", "f", "R", "cross"),
 ("sunny", "Sunny", "", "Love", "pupil", "m", 3, "love"),
 ("reign", "Reign", "", "Scott", "pupil", "m", 1, "scott"),
 # famous-name clashes
 ("harrykane", "Harry", "", "Kane", "pupil", "m", 6, "kane"),
 ("amirkhan", "Amir", "", "Khan", "pupil", "m", 10, "khan"),
 ("lewiscap", "Lewis", "", "Capaldi", "pupil", "m", 12, "capaldi"),
 ("jadethirl", "Jade", "", "Thirlwall", "pupil", "f", 9, "thirlwall"),
 # diacritics / particles / multi-part / preferred names
 ("krzysztof", "Krzysztof", "Kris", "Wiśniewski", "pupil", "m", 11, "wisniewski"),
 ("bartek", "Bartłomiej", "Bartek", "Kowalczyk", "pupil", "m", 9, "kowalczyk"),
 ("zofia", "Zofia", "", "Kowalczyk", "pupil", "f", 5, "kowalczyk"),
 ("malgorzata", "Małgorzata", "Gosia", "Kowalczyk", "parent", "f", None, "kowalczyk"),
 ("seun", "Oluwaseun", "Seun", "Adebayo", "pupil", "m", 13, "adebayo"),
 ("tobi", "Oluwatobiloba", "Tobi", "Ogunleye", "pupil", "m", 8, "ogunleye"),
 ("damilare", "Oluwadamilare", "Dami", "Ogunleye", "pupil", "m", 4, "ogunleye"),
 ("chidi", "Chidiebere", "Chidi", "Nwosu", "pupil", "m", 10, "nwosu"),
 ("oisin", "Oisín", "", "Ó Briain", "pupil", "m", 7, "obriain"),
 ("roisin", "Róisín", "", "O'Sullivan", "pupil", "f", 12, "osullivan"),
 ("siobhan", "Siobhán", "", "O'Sullivan", "staff", "f", None, "osullivan_s"),
 ("ionut", "Ionuț", "", "Popescu", "pupil", "m", 9, "popescu"),
 ("bianca", "Bianca", "", "Popescu", "pupil", "f", 6, "popescu"),
 ("daniela", "Daniela", "", "Popescu", "parent", "f", None, "popescu"),
 ("tomas", "Tomáš", "", "Horváth", "pupil", "m", 10, "horvath"),
 ("vanesa", "Vanesa", "", "Dužda", "pupil", "f", 8, "duzda"),
 ("sem", "Sem", "", "van der Berg", "pupil", "m", 7, "vanderberg"),
 ("mariana", "Mariana", "", "dos Santos Ferreira", "pupil", "f", 11, "dossantos"),
 ("joao", "João Pedro", "", "da Costa", "pupil", "m", 8, "dacosta"),
 ("yusufb", "Yusuf", "", "bin Rashid", "pupil", "m", 6, "binrashid"),
 ("layla_alh", "Layla", "", "al-Hassan", "pupil", "f", 9, "alhassan"),
 ("omar_alh", "Omar", "", "al-Hassan", "pupil", "m", 4, "alhassan"),
 ("ahmad_alh", "Ahmad", "", "al-Hassan", "parent", "m", None, "alhassan"),
 ("callum", "Callum", "", "MacLeod", "pupil", "m", 12, "macleod"),
 ("eilidh", "Eilidh", "", "McAllister", "staff", "f", None, "mcallister_s"),
 ("ellamay", "Ella-May", "", "Sutcliffe-Hirst", "pupil", "f", 3, "sutcliffehirst"),
 ("mary_grace", "Mary Grace", "", "dela Cruz", "pupil", "f", 10, "delacruz"),
 ("hoi_ying", "Hoi Ying", "Chloe", "Cheung", "pupil", "f", 9, "cheung"),
 ("chun_hei", "Chun Hei", "Marcus", "Leung", "pupil", "m", 11, "leung"),
 ("muhammad_h", "Muhammad Hamza", "Hamza", "Hussain", "pupil", "m", 8, "hussain"),
 ("muhammad_i", "Muhammad", "", "Iqbal", "pupil", "m", 10, "iqbal"),
 ("muhammad_r", "Muhammad", "", "Rashid", "pupil", "m", 2, "rashid"),
 ("zainab", "Zainab", "", "Hussain", "pupil", "f", 5, "hussain"),
 ("shazia_b", "Shazia", "", "Begum", "parent", "f", None, "hussain"),
 ("rukhsana_b", "Rukhsana", "", "Begum", "staff", "f", None, "begum_s"),
 ("nasreen_a", "Nasreen", "", "Akhtar", "staff", "f", None, "akhtar_s"),
 ("aisha_a", "Aisha", "", "Akhtar", "pupil", "f", 11, "akhtar"),
 ("tariq_a", "Tariq", "", "Akhtar", "parent", "m", None, "akhtar"),
 ("mykola", "Mykola", "", "Shevchuk", "pupil", "m", 9, "shevchuk"),
 ("sofiia", "Sofiia", "", "Shevchuk", "pupil", "f", 5, "shevchuk"),
 ("olena", "Olena", "", "Shevchuk", "parent", "f", None, "shevchuk"),
 ("ugne", "Ugnė", "", "Petrauskaitė", "pupil", "f", 10, "petrauskaite"),
 ("roberts", "Roberts", "", "Bērziņš", "pupil", "m", 8, "berzins"),
 ("rebin", "Rebin", "", "Hama Amin", "pupil", "m", 9, "hamaamin"),
 ("shirin", "Shirin", "", "Hosseini", "pupil", "f", 12, "hosseini"),
 ("yonas", "Yonas", "", "Ghebremariam", "pupil", "m", 10, "ghebremariam"),
 ("hodan", "Hodan", "", "Warsame", "pupil", "f", 7, "warsame"),
 ("ifrah", "Ifrah", "", "Warsame", "parent", "f", None, "warsame"),
 ("amna", "Amna", "", "Elamin", "pupil", "f", 6, "elamin"),
 ("merveille", "Merveille", "", "Tshibangu", "pupil", "f", 8, "tshibangu"),
 ("exauce", "Exaucé", "", "Mukendi", "pupil", "m", 3, "mukendi"),
 ("yichen", "Yichen", "", "Zhang", "pupil", "m", 13, "zhang"),
 ("nattapong", "Nattapong", "Nat", "Srisuk", "pupil", "m", 10, "srisuk"),
 ("linh", "Thùy Linh", "Linh", "Nguyễn", "pupil", "f", 9, "nguyen"),
 ("minh", "Minh", "", "Nguyen", "pupil", "m", 4, "nguyen2"),
 ("klea", "Klea", "", "Krasniqi", "pupil", "f", 11, "krasniqi"),
 ("elif", "Elif", "", "Yılmaz", "pupil", "f", 7, "yilmaz"),
 ("nikos", "Nikolaos", "Nikos", "Papadopoulos", "pupil", "m", 12, "papadopoulos"),
 ("giulia", "Giulia", "", "Esposito", "pupil", "f", 6, "esposito"),
 ("lucia", "Lucía", "", "Fernández", "pupil", "f", 10, "fernandez"),
 ("kwame", "Kwame", "", "Mensah", "parent", "m", None, "mensah"),
 ("ngozi", "Ngozi", "", "Okafor", "parent", "f", None, "okafor"),
 ("tinashe", "Tinashe", "", "Moyo", "staff", "m", None, "moyo_s"),
 ("femi", "Olufemi", "Femi", "Adeyemi", "staff", "m", None, "adeyemi_s"),
 ("agnieszka", "Agnieszka", "Aga", "Nowak", "staff", "f", None, "nowak_s"),
 ("piotr", "Piotr", "", "Nowak", "parent", "m", None, "nowak"),
 ("kacper", "Kacper", "", "Nowak", "pupil", "m", 8, "nowak"),
 ("gurpreet", "Gurpreet", "", "Kaur", "parent", "f", None, "sandhu"),
 ("harjot", "Harjot", "", "Sandhu", "pupil", "m", 9, "sandhu"),
 ("kate_h", "Catherine", "Kate", "Holmes", "staff", "f", None, "holmes_s"),
 ("kate_p", "Kate", "", "Lumb", "parent", "f", None, "lumb"),
 ("mercy_p", "Mercy", "", "Eze", "parent", "f", None, "eze"),
 ("ebuka", "Chukwuebuka", "Ebuka", "Eze", "pupil", "m", 7, "eze"),
 ("dean_s", "Dean", "", "Marsden", "staff", "m", None, "marsden_s"),
 ("robin", "Robin", "", "Dean", "staff", "m", None, "dean_s"),
 ("stephen_e", "Stephen", "", "English", "staff", "m", None, "english_s"),
 ("gemma_f", "Gemma", "", "Frost", "parent", "f", None, "frost"),
 ("deano", "Dean", "", "Moss", "parent", "m", None, "moss"),
 ("leanne", "Leanne", "", "Whitaker", "parent", "f", None, "whitaker"),
 ("hayley", "Hayley", "", "Holroyd", "parent", "f", None, "holroyd"),
 ("craig", "Craig", "", "Sykes", "parent", "m", None, "sykes"),
 ("precious_m", "Rutendo", "", "Sibanda", "parent", "f", None, "sibanda"),
]

def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("ß", "ss").replace("đ", "d")

def email_local(first, last):
    f = re.sub(r"[^a-z]", "", fold(first.split()[0]).lower())
    l = re.sub(r"[^a-z]", "", fold(last).lower())
    return f, l

def main():
    people = []
    used_full = set()
    def add(first, pref, last, kind, gender, year, family, key=None):
        full = (first, last)
        if full in used_full:
            return None
        used_full.add(full)
        people.append(dict(key=key, first=first, pref=pref, last=last, kind=kind, gender=gender,
                           year=year, family=family))
        return people[-1]
    for key, first, pref, last, kind, g, y, fam in SPECIAL:
        assert add(first, pref, last, kind, g, y, fam, key), key

    origins = [o for o in WEIGHTS for _ in range(WEIGHTS[o])]
    years = ["R"] + list(range(1, 14))
    pupils = lambda: [p for p in people if p["kind"] == "pupil"]
    # bulk pupils, in families (1-3 children)
    fam_n = 0
    while len(pupils()) < 300:
        o = rng.choice(origins)
        boys, girls, surs = POOLS[o]
        if o == "english" and rng.random() < 0.3:
            surs = POOLS["wordsur"][2]
        last = rng.choice(surs)
        fam_n += 1
        fam = "f%03d" % fam_n
        nkids = rng.choice([1, 1, 1, 2, 2, 3])
        for _ in range(nkids):
            if len(pupils()) >= 300:
                break
            g = rng.choice("mf")
            first = rng.choice(boys if g == "m" else girls)
            pref = ""
            add(first, pref, last, "pupil", g, rng.choice(years), fam)
    # preferred names for some bulk pupils (short forms)
    SHORT = {"Oliver": "Ollie", "Alexandru": "Alex", "Alexander": "Alex", "Joshua": "Josh", "Jessica": "Jess",
             "Abdirahman": "Abdi", "Oleksandr": "Sasha", "Anastasiia": "Nastya", "Mikołaj": "Miko",
             "Wojciech": "Wojtek", "Dominykas": "Domas", "Abdullah": "Abdul", "Zakariya": "Zak",
             "Chinedu": "Chi", "Temitope": "Tope", "Chiamaka": "Amaka", "Takudzwa": "Taku", "Tafadzwa": "Tafi",
             "Kristaps": "Kris", "Nattapong": "Nat", "Jhon Paul": "JP", "Mark Anthony": "Mac",
             "Dieudonné": "Dodo", "Ifeanyi": "Ify", "Freddie": "Fred", "Stanley": "Stan", "Lachlan": "Lachie",
             "Georgios": "Yiorgos", "Ciarán": "Kieran", "Samuel": "Sam", "Jonathan": "Jonny", "Jacob": "Jake",
             "Bohdan": "Bodya", "Daryna": "Dasha", "Katerina": "Katia", "Francesca": "Fran", "Alexia": "Lexi",
             "Nikoleta": "Niki", "Alejandro": "Alex"}
    for p in people:
        if p["kind"] == "pupil" and not p["pref"] and p["first"] in SHORT and rng.random() < 0.9:
            p["pref"] = SHORT[p["first"]]
    # parents: ~70 linked to pupil families
    fams = {}
    for p in people:
        if p["kind"] == "pupil":
            fams.setdefault(p["family"], []).append(p)
    cur_par = sum(1 for p in people if p["kind"] == "parent")
    fam_keys = sorted(k for k in fams if not any(q["kind"] == "parent" and q["family"] == k for q in people))
    rng.shuffle(fam_keys)
    GIRLS_ALL = {o: POOLS[o][1] for o in POOLS}
    def origin_of(last):
        for o, (_, _, s) in POOLS.items():
            if last in s:
                return o
        return "english"
    ADULT_F = {"english": "Leanne Gemma Kelly Stacey Nicola Michelle Joanne Claire Donna Lindsay Kirsty Charlotte".split(),
               "wordsur": "Leanne Gemma Kelly Stacey Nicola Michelle Joanne Claire Donna Lindsay".split(),
               "pakistani": "Shazia Rubina Nazia Samina Farzana Tahira".split(),
               "polish": "Agnieszka Katarzyna Magdalena Joanna Ewa".split(),
               "romanian": "Elena Mihaela Cristina".split(), "nigerian": "Funmilayo Ngozi Adaobi Folake".split(),
               "slovak": "Jana Zuzana Monika".split(), "roma": "Renáta Silvia Monika".split()}
    ADULT_M = {"english": "Darren Lee Wayne Gary Craig Jason Stuart Carl Paul Mark Shaun".split(),
               "wordsur": "Darren Lee Wayne Gary Craig Jason Stuart Carl Paul Shaun".split(),
               "pakistani": "Tariq Imran Zahid Nadeem Asif Shahid".split(),
               "polish": "Piotr Tomasz Marcin Paweł Grzegorz".split(),
               "romanian": "Florin Ionel Marius".split(), "nigerian": "Adewale Chukwuma Olumide".split(),
               "slovak": "Ján Peter Milan".split(), "roma": "Ladislav Zdeněk Josef".split()}
    for k in fam_keys:
        if cur_par >= 70:
            break
        kid = fams[k][0]
        o = origin_of(kid["last"])
        g = "f" if rng.random() < 0.72 else "m"
        pool = (ADULT_F if g == "f" else ADULT_M).get(o)
        if not pool:
            pool = POOLS[o][1] if g == "f" else POOLS[o][0]
        first = rng.choice(pool)
        last = kid["last"]
        if o == "pakistani" and g == "f" and rng.random() < 0.5:
            last = "Begum" if rng.random() < 0.6 else "Bibi"
        elif g == "f" and o in ("english", "wordsur") and rng.random() < 0.3:
            last = rng.choice(POOLS["english"][2])
        elif o == "indian" and g == "f" and kid["last"] == "Singh":
            last = "Kaur"
        if add(first, "", last, "parent", g, None, k):
            cur_par += 1
    # staff: ~80
    STAFF_F = "Sarah Helen Rachel Joanne Emma Claire Louise Victoria Hannah Lucy Katie Anna Laura Beth Jennifer Amanda Alison Fiona Bernadette Lindsey Nadia Samina Yasmin Ewa Oksana Chipo Abimbola".split()
    STAFF_M = "David Andrew Paul Simon Matthew James Daniel Christopher Neil Gareth Adam Rob Ian Tom Imran Kamran Sajid Marek Kwabena Declan".split()
    STAFF_SUR = (POOLS["english"][2] + POOLS["wordsur"][2] + ["Mahmood", "Iqbal", "Rashid", "Qureshi", "Hussain",
                 "Kowalczyk", "Nowak", "O'Donoghue", "Doherty", "Campbell", "Drummond", "Pryce", "Llewellyn",
                 "Osei", "Patel", "Chowdhury", "Melnyk", "Asante"])
    cur_staff = sum(1 for p in people if p["kind"] == "staff")
    while cur_staff < 80:
        g = rng.choice("fff m".replace(" ", ""))
        first = rng.choice(STAFF_F if g == "f" else STAFF_M)
        last = rng.choice(STAFF_SUR)
        if add(first, "", last, "staff", g, None, "staff%02d" % cur_staff):
            cur_staff += 1
    STAFF_SHORT = {"Christopher": "Chris", "Matthew": "Matt", "Jennifer": "Jen", "Victoria": "Vicky",
                   "Daniel": "Dan", "Andrew": "Andy", "Katie": "Kat", "Bernadette": "Bernie", "Abimbola": "Bimbo",
                   "Kwabena": "Kobby", "Alison": "Ali"}
    ADULT_SHORT = {"Katarzyna": "Kasia", "Magdalena": "Magda", "Funmilayo": "Funmi", "Nicola": "Nicky",
                   "Stuart": "Stu", "Ladislav": "Laco", "Grzegorz": "Greg", "Olumide": "Mide", "Agnieszka": "Aga",
                   "Mihaela": "Miha", "Samina": "Sam", "Chukwuma": "Chuma", "Adewale": "Wale", "Joanne": "Jo"}
    for p in people:
        if p["kind"] == "parent" and not p["pref"] and p["first"] in ADULT_SHORT:
            p["pref"] = ADULT_SHORT[p["first"]]
    for p in people:
        if p["kind"] == "staff" and not p["pref"] and p["first"] in STAFF_SHORT and rng.random() < 0.85:
            p["pref"] = STAFF_SHORT[p["first"]]

    # ids, emails, mis refs
    order = {"pupil": "P", "staff": "S", "parent": "G"}
    counters = {"P": 0, "S": 0, "G": 0}
    used_email, used_code = set(), set()
    WEB = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "btinternet.com", "live.co.uk", "hotmail.com"]
    for p in sorted(people, key=lambda q: "PSG".index(order[q["kind"]])):
        pre = order[p["kind"]]
        counters[pre] += 1
        p["id"] = "%s%03d" % (pre, counters[pre])
        f, l = email_local(p["first"], p["last"])
        p["personal_emails"] = ""
        if p["kind"] == "pupil":
            e = "%s.%s@pupils.%s" % (f, l, DOMAIN)
            n = 2
            while e in used_email:
                e = "%s.%s%d@pupils.%s" % (f, l, n, DOMAIN); n += 1
            p["mis_ref"] = rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
        elif p["kind"] == "staff":
            e = "%s.%s@%s" % (f[0], l, DOMAIN)
            n = 2
            while e in used_email:
                e = "%s%s.%s@%s" % (f[0], f[1:2], l, DOMAIN); n += 1
            ini = (fold(p["first"])[0] + re.sub(r"[^A-Za-z]", "", fold(p["last"]))[:2]).upper()
            code = ini
            i = 2
            while code in used_code:
                code = (ini[:2] + re.sub(r"[^A-Za-z]", "", fold(p["last"]))[i:i+1].upper()) if i < 6 else ini + str(i)
                if len(code) < 3:
                    code = ini + str(i)
                i += 1
            used_code.add(code)
            p["mis_ref"] = code
            if rng.random() < 0.12:
                p["personal_emails"] = "%s%s%d@%s" % (f, l, rng.randint(1, 99), rng.choice(WEB))
        else:
            style = rng.choice(["{f}.{l}", "{f}{l}{n}", "{f}_{l}", "{fi}{l}{n}", "mum.of.{k}{n}"])
            kid = next((q for q in people if q["kind"] == "pupil" and q["family"] == p["family"]), None)
            kk = email_local(kid["first"], kid["last"])[0] if kid else f
            e = style.format(f=f, l=l, n=rng.randint(1, 99), fi=f[0], k=kk) + "@" + rng.choice(WEB)
            if p["gender"] == "m" and e.startswith("mum."):
                e = e.replace("mum.", "dad.", 1)
            p["mis_ref"] = ""
            if rng.random() < 0.15:
                p["personal_emails"] = "%s.%s%d@%s" % (f, l, rng.randint(1, 99), rng.choice(WEB))
        used_email.add(e)
        p["email"] = e
    people.sort(key=lambda q: ("PSG".index(q["id"][0]), q["id"]))
    with open(os.path.join(OUT, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        for p in people:
            w.writerow([p["id"], p["first"], p["pref"], p["last"], p["kind"], p["email"], p["personal_emails"], p["mis_ref"]])
    with open(os.path.join(HERE, "people.json"), "w", encoding="utf-8") as fh:
        json.dump(people, fh, ensure_ascii=False, indent=0)
    from collections import Counter
    print(len(people), Counter(p["kind"] for p in people), "pref:", sum(1 for p in people if p["pref"]))

if __name__ == "__main__":
    main()
