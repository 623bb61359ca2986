#!/usr/bin/env python3
"""Build roster.csv for the invented Foundry Schools Trust (fixed seed).
Hand-written people (the ones used in test subjects) come first; the bulk is
generated from seeded pools of names by origin."""
import csv, random, unicodedata, os

SEED = 8
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "roster.csv")

DOM = {"T": "foundrytrust.org.uk", "P": "hollybank.sch.uk", "S": "castlegate-academy.org.uk"}
ACAD_START = 2026  # academic year 2026/27

# kind|first|preferred|last|school|year(pupils: N,R,1..11)  -- hand-written people used in subjects
HAND = """
pupil|Harpreet|Harps|Kaur|S|10
pupil|Gurdeep|Gurj|Singh Sandhu|S|11
pupil|Abdulrahman|Abdul|Al-Ahmadi|S|9
pupil|Oluwadamilare|Dami|Adeyemi|S|10
pupil|Ștefan|Stef|Popa|S|8
pupil|Bartłomiej|Bartek|Kowalczyk|S|9
pupil|Mohammed|Mo|Hussain|S|11
pupil|Hadiza|Dee|Bello|S|10
pupil|Kemal||Demir|S|9
pupil|Sonny||McDonagh|S|8
pupil|Tomasz||Nowak|S|8
pupil|Kofi||Mensah|S|8
pupil|Yusuf||Hassan|S|8
pupil|Aisha||Begum|S|9
pupil|Tyler||Brooks|S|10
pupil|Priya||Sharma|S|11
pupil|Hope||Campbell|S|8
pupil|Joy||Okafor|S|9
pupil|William|Will|Fletcher|S|7
pupil|Summer||Green|S|10
pupil|Faith||Mutasa|S|9
pupil|Miles||Brown-Campbell|S|11
pupil|Richard|Rich|Field|S|11
pupil|Grace||Asante|S|7
pupil|Precious||Moyo|S|10
pupil|King||Adebayo|S|8
pupil|Blessing||Nwosu|S|7
pupil|Favour||Okonkwo|S|9
pupil|Justice||Boateng|S|11
pupil|Destiny||Clarke|S|10
pupil|Harmony||Price|S|8
pupil|River||Ward-Smith|S|7
pupil|Sky||Lamb|S|9
pupil|Sunil|Sunny|Bains|S|10
pupil|Prince||Osei|S|11
pupil|Mercy||Chikwanha|S|8
pupil|Gift||Ndlovu|S|9
pupil|Amber||Judge|S|11
pupil|Ruby||Baker|S|10
pupil|Rose||O'Reilly|S|8
pupil|Jack||English|S|9
pupil|Honour||Mason|S|7
pupil|Hunter||Day|S|8
pupil|Lucy||French|S|10
pupil|Ryan||German|S|9
pupil|Chloe||Welsh|S|7
pupil|Florence||Hall|S|10
pupil|Evie||Church|S|11
pupil|Leon||Street|S|8
pupil|Maisie||Wood|S|9
pupil|Jordan||Law|S|10
pupil|Kyle||Power|S|11
pupil|Zoë||Marsh|S|7
pupil|Łucja||Zielińska|S|8
pupil|Dănuț||Ionescu|S|9
pupil|Linh||Nguyễn|S|8
pupil|Şükrü||Doğan|S|10
pupil|Hamza||Haider|S|9
pupil|Amir||Khan|S|10
pupil|Leo||Martin|S|7
pupil|Ahmad||Noori|S|9
pupil|Ardit||Hoxha|S|10
pupil|Nikolay|Niki|Petrov|S|8
pupil|Rebaz||Mahmoud|S|11
pupil|Cheuk Yin|Ethan|Wong|S|9
pupil|Tahmid||Rahman|S|11
pupil|Hodan||Abdi Farah|S|10
pupil|Shanice||Thompson|S|11
pupil|Andreea||Rusu|S|7
pupil|Kathleen||Joyce|S|9
pupil|Jaspreet|Jas|Kaur Gill|S|7
pupil|Gabriel|Gabe|de Freitas|S|9
pupil|Storm||Rice|S|7
pupil|Chance||Bishop|S|11
pupil|Ayaan||Mahmood|P|2
pupil|Zayan||Iqbal|P|1
pupil|Katarzyna|Kasia|Wiśniewska|P|3
pupil|Maryam||Ali|P|6
pupil|Alfie||Cook|P|4
pupil|Poppy||Derby|P|5
pupil|Daisy||Black|P|2
pupil|Teddy||White|P|1
pupil|Noah||Best|P|6
pupil|Freddie||Fox|P|5
pupil|Isla||Page|P|3
pupil|Mia||Bell|P|2
pupil|Ibrahim||Abdi|P|4
pupil|Ayan||Warsame|P|1
pupil|Star||Johnson|P|2
pupil|Willow||Stafford|P|3
pupil|Rowan||Bishop|P|4
pupil|Hazel||Young|P|5
pupil|Arlo||Stone|P|3
pupil|Yahya||Al-Sanabani|P|4
pupil|Dawid||Lewandowski|P|2
pupil|Kayden||Mason|P|5
pupil|Happy||Moyo|P|R
pupil|Marley||Brown|P|6
pupil|Tamara||McDonagh|P|4
pupil|Ellie-Mae||Hope|P|3
pupil|Oscar||Chester|P|6
pupil|Amelia||Rose|P|1
pupil|Sumaiya||Begum|P|5
pupil|Kiyan||Hussain|P|R
pupil|Destiny||Okoye|P|6
pupil|Harvey||Stone|P|N
pupil|Esmée||Walker|P|2
pupil|Miłosz||Kamiński|P|5
pupil|Tiana||Reid|P|4
staff|Angela||Stafford|T|CEO
staff|Rajinder|Raj|Dhillon|T|CFO
staff|Beverley|Bev|Green|T|HR Director
staff|Gary||Hunter|T|Estates Manager
staff|Nasreen||Akhtar|T|Data Protection Officer
staff|Marcia||Grant|T|Trust Safeguarding Lead
staff|Piotr||Zając|T|IT Manager
staff|Claire||Bishop|P|Headteacher
staff|Daniel||Church|P|Deputy Head / DSL
staff|Sophie||Hope|P|Class teacher Oak
staff|Shazia||Bibi|P|Teaching assistant
staff|Joanne|Jo|King|P|Kingfisher Base lead
staff|Deborah|Debbie|Law|P|SENCo
staff|Tom||Freeman|P|Class teacher Birch
staff|Mark||Evans|S|Headteacher
staff|Chidi||Eze|S|Head of Year 9
staff|Leroy||Francis|S|AP unit lead
staff|Gemma||Rowley|S|Form tutor 8WRA
staff|Joy||French|S|Teacher of English
staff|William|Will|Hartley|S|Teacher of Maths
staff|Ikram||Mirza|S|Teacher of Science
staff|Dawn||Wood|S|SENCo
staff|Sharon||Miles|S|DSL
staff|Tracey||Young|S|Attendance officer
staff|Lorraine||Page|S|Exams officer
staff|Craig||Stone|S|Head of PE
staff|Jade||Street|S|PE teacher
staff|Kuldip||Sandhu|T|Business manager
staff|Robin||Chester|S|Site manager
staff|Frank||Doyle|P|Caretaker
staff|Samina||Rauf|S|Reception
staff|Kelly||Bishop|S|Teaching assistant
staff|Pamela|Pam|Cotterill|S|Cover manager
staff|Shane||Guest|S|Pastoral manager
staff|Paul||Lake|S|Trips coordinator / Geography
staff|Nkechi||Obi|S|Careers and post-16 lead
staff|Ray||Bennett|S|Head of Year 11
staff|Agnieszka|Aga|Nowicka|S|EAL coordinator
staff|Tanisha||Grant-Lewis|S|Head of Year 7
staff|Gurpreet|Preet|Kaur Dhaliwal|S|Teacher of English
staff|Dimitar||Georgiev|S|Teacher of Maths
staff|Rich||Hollis|S|Teacher of PE
staff|Mercy||Adjei|P|Teaching assistant
staff|Hayley||Price|P|Reception (office)
staff|Bob||Tranter|P|Site team
staff|Siobhan||Quinn|P|Class teacher Willow
parent|Manjit||Kaur|S|Harpreet Kaur
parent|Bożena||Kowalczyk|S|Bartłomiej Kowalczyk
parent|Marek||Wiśniewski|P|Katarzyna Wiśniewska
parent|Shabana||Iqbal|P|Zayan Iqbal
parent|Dawn||Campbell|S|Hope Campbell
parent|Pauline||Brooks|S|Tyler Brooks
parent|Bridget||McDonagh|S|Sonny McDonagh
parent|Gail||Fisher|S|Precious Moyo
parent|Blessing||Adeyemi|S|Oluwadamilare Adeyemi
parent|Kwame||Mensah|S|Kofi Mensah
parent|Emeka||Okafor|S|Joy Okafor
parent|Sahra||Warsame|S|Hodan Abdi Farah
parent|Jaswinder||Singh|S|Harpreet Kaur
parent|Nadia||Al-Ahmadi|S|Abdulrahman Al-Ahmadi
parent|Elena||Popa|S|Ștefan Popa
parent|Tariq||Haider|S|Hamza Haider
parent|Precious||Ndlovu|S|Gift Ndlovu
parent|Kerry||Fletcher|S|William Fletcher
parent|Lisa||Church|S|Evie Church
parent|Mihaela||Ionescu|S|Dănuț Ionescu
parent|Farida||Noori|S|Ahmad Noori
parent|Anh||Tran|S|Linh Nguyễn
parent|Denise||Thompson|S|Shanice Thompson
parent|Gift||Moyo|P|Happy Moyo
parent|Sharon||Stafford|P|Willow Stafford
parent|Rubina||Mahmood|P|Ayaan Mahmood
parent|Leanne||Cook|P|Alfie Cook
parent|Hawa||Abdi|P|Ibrahim Abdi
parent|Mick||Derby|P|Poppy Derby
parent|Sandra||Stone|P|Arlo Stone
parent|Fatima||Al-Sanabani|P|Yahya Al-Sanabani
parent|Mandy||Walker|P|Esmée Walker
""".strip().splitlines()

POOLS = {
 "white_british": (["Oliver","Harry","George","Charlie","Alfie","Jacob","Thomas","Reece","Connor","Callum","Liam","Kieran","Bradley","Jake","Lewis","Mason","Archie","Tommy","Ollie","Finley","Ben","Sam","Dylan","Luke"],
                   ["Olivia","Amelia","Isla","Ava","Lily","Ella","Sophie","Chloe","Megan","Jessica","Holly","Lacey","Paige","Millie","Evie","Scarlett","Freya","Katie","Leah","Niamh","Courtney","Phoebe","Imogen","Lola"],
                   ["Smith","Jones","Taylor","Williams","Davies","Evans","Wilson","Thomas","Roberts","Johnson","Walker","Wright","Robinson","Thompson","Hughes","Edwards","Green","Hall","Wood","Harris","Turner","Cooper","Jackson","Parkes","Bradley","Webb","Millward","Tonks","Cartwright","Hickman","Bayliss","Whitehouse","Sheldon","Perry","Price","Baker","Street","Day","Young","Lloyd"]),
 "sikh": (["Gurdeep","Jasvir","Manpreet","Harjit","Arjun","Karan","Ravinder","Sukhdeep","Amrit","Jaskaran","Navdeep","Simran"],
          ["Harleen","Navneet","Simranjit","Amrit","Jasleen","Manveer","Rajveer","Gurleen","Ishleen","Prabhleen"],
          ["Kaur","Singh","Sandhu","Gill","Dhillon","Bains","Sidhu","Johal","Sahota","Bassi","Kang","Dhaliwal","Atwal","Grewal","Rai"]),
 "pakistani": (["Muhammad","Ali","Hassan","Bilal","Usman","Zain","Ibrahim","Ayaan","Rayyan","Haroon","Imran","Adam","Musa","Zakariya"],
               ["Fatima","Maryam","Zainab","Hafsa","Khadija","Iqra","Aleena","Anaya","Eman","Hania","Safa","Mehreen"],
               ["Khan","Hussain","Ahmed","Iqbal","Akhtar","Mahmood","Rashid","Ali","Bibi","Qureshi","Butt","Hanif","Saddique","Riaz","Javed","Bashir"]),
 "bangladeshi": (["Tahmid","Rayhan","Sami","Abdullah","Nabil","Arif","Shahid","Rafi"],
                 ["Sumaiya","Tasnim","Nusrat","Afia","Jannat","Ruksana","Tanzila","Sadia"],
                 ["Rahman","Miah","Uddin","Begum","Islam","Chowdhury","Ahmed","Hoque","Ali"]),
 "yemeni": (["Abdulrahman","Ammar","Saleh","Waleed","Ziyad","Omar"],["Amal","Huda","Arwa","Reem","Nouf"],
            ["Al-Ahmadi","Al-Sanabani","Saleh","Al-Hakimi","Mohsen","Qasim"]),
 "somali": (["Abdirahman","Mohamed","Abdullahi","Said","Khalid","Yasin"],["Hodan","Ayan","Nimco","Sagal","Hibo","Fardowsa","Ifrah"],
            ["Abdi","Warsame","Farah","Hassan","Osman","Jama","Abdi Farah","Mohamud","Aden"]),
 "caribbean": (["Tyrese","Jermaine","Kai","Marley","Reuben","Jahmal","Nathaniel","Elijah","Dwayne","Tyrell"],
               ["Shanice","Tianna","Kiara","Jada","Aaliyah","Imani","Nia","Keisha","Tia"],
               ["Campbell","Brown","Clarke","Thompson","Francis","Reid","Morgan","Williams","Grant","Gayle","Henry","Bailey","Powell","Brown-Campbell","Edwards"]),
 "nigerian": (["Tobi","Chinedu","Emeka","Femi","Ifeanyi","Tunde","David","Daniel","Samuel"],["Chioma","Adaeze","Temitope","Ifeoma","Favour","Ngozi","Bisola","Esther"],
              ["Adeyemi","Okafor","Okonkwo","Nwosu","Eze","Balogun","Ogunleye","Adebayo","Okeke","Obi","Akinola","Olawale"]),
 "ghanaian": (["Kwame","Kofi","Kwabena","Yaw","Nana","Kojo"],["Akosua","Ama","Abena","Efua","Adwoa","Esi"],
              ["Mensah","Asante","Boateng","Osei","Owusu","Appiah","Agyeman","Darko","Adjei"]),
 "zimbabwean": (["Tinashe","Tatenda","Tafadzwa","Kudzai","Farai","Tendai"],["Rutendo","Chipo","Nyasha","Vimbai","Ruvimbo","Tsitsi"],
                ["Moyo","Ndlovu","Mutasa","Chikwanha","Sibanda","Ncube","Dube","Mapfumo"]),
 "romanian": (["Andrei","Alexandru","Ionuț","Mihai","Cristian","Răzvan","Darius"],["Andreea","Ioana","Bianca","Denisa","Alexandra","Larisa","Ștefania"],
              ["Popa","Ionescu","Rusu","Stan","Munteanu","Constantin","Dumitru","Lungu","Moldovan"]),
 "polish": (["Jakub","Kacper","Szymon","Filip","Michał","Oskar","Wiktor","Mateusz"],["Zuzanna","Julia","Maja","Oliwia","Natalia","Wiktoria","Łucja","Zofia"],
            ["Nowak","Kowalski","Wiśniewski","Wójcik","Kamiński","Lewandowski","Zieliński","Szymański","Dąbrowski","Kaczmarek"]),
 "bulgarian": (["Georgi","Ivan","Kaloyan","Martin","Dimitar"],["Viktoria","Gergana","Teodora","Desislava","Simona"],
               ["Petrov","Ivanov","Georgiev","Dimitrov","Stoyanov","Kolev"]),
 "kurdish": (["Rebaz","Hawre","Karwan","Dilan","Aram","Baran"],["Shilan","Rozhin","Hana","Zhilwan","Avin"],["Karimi","Mahmoud","Rasul","Aziz","Salih","Demir"]),
 "afghan": (["Ahmad","Mustafa","Farid","Sohail","Naveed"],["Zahra","Mursal","Parwana","Madina","Shabnam"],["Noori","Rahimi","Ahmadzai","Popal","Sultani","Hakimi"]),
 "traveller": (["Johnny","Patrick","Michael","Sonny","Martin","Jimmy"],["Bridget","Kathleen","Mary","Margaret","Shauna","Nora"],["McDonagh","Ward","Joyce","Maughan","Connors","Doherty"]),
 "albanian": (["Ardit","Erion","Kleart","Besart","Endri"],["Elira","Ajla","Klea","Sara","Arbana"],["Hoxha","Shehu","Krasniqi","Gashi","Berisha"]),
 "vietnamese": (["Minh","Bảo","Huy","Khang","Quân"],["Linh","Ngọc","Thảo","Mai","Vy"],["Nguyễn","Trần","Lê","Phạm","Hoàng"]),
 "hongkong": (["Ho Yin","Chun Kit","Tsz Hin","Wai Lok"],["Hei Tung","Wing Yan","Tsz Ching","Sze Wing"],["Wong","Chan","Leung","Cheung","Lam","Ho"]),
}
WEIGHTS = {"white_british": 30, "sikh": 8, "pakistani": 12, "bangladeshi": 5, "yemeni": 3, "somali": 4, "caribbean": 8,
           "nigerian": 5, "ghanaian": 3, "zimbabwean": 3, "romanian": 5, "polish": 5, "bulgarian": 2, "kurdish": 2,
           "afghan": 2, "traveller": 2, "albanian": 2, "vietnamese": 1, "hongkong": 2}
SHORT = {"Oliver": "Ollie", "Thomas": "Tom", "Muhammad": "Mo", "Abdullahi": "Abdi", "Jakub": "Kuba", "Alexandru": "Alex",
         "Samuel": "Sam", "Daniel": "Dan", "Temitope": "Temi", "Manpreet": "Manny", "Aleksander": "Olek", "Nathaniel": "Nate",
         "Jaskaran": "Jas", "Alexandra": "Alex", "Kwabena": "Kobby", "Michael": "Mikey", "Patrick": "Paddy", "Georgi": "Gosho",
         "Abdirahman": "Abdi", "Ifeanyi": "Iffy", "Tafadzwa": "Taffy", "Jasleen": "Jas", "Mateusz": "Mati", "Ho Yin": "Jason", "Wing Yan": "Wendy",
         "Harjit": "Harj", "Sukhdeep": "Sukh", "Navdeep": "Nav", "Jasvir": "Jas", "Ravinder": "Rav", "Zakariya": "Zak", "Rayyan": "Ray",
         "Tatenda": "Tate", "Chinedu": "Chi", "Ifeoma": "Ife", "Adaeze": "Ada", "Bisola": "Bisi", "Cristian": "Cris", "Ștefania": "Stefi",
         "Zuzanna": "Zuzia", "Desislava": "Desi", "Teodora": "Teddy", "Elijah": "Eli", "Jahmal": "Jay", "Imogen": "Immy", "Finley": "Finn",
         "Jacob": "Jake", "Megan": "Meg", "Jessica": "Jess", "Mohamed": "Mo", "Tsz Hin": "Tony", "Hei Tung": "Hayley", "Kacper": "Kacpi"}
ADULT_F = ["Karen", "Michelle", "Donna", "Lisa", "Nicola", "Sarah", "Joanne", "Samantha", "Rebecca", "Emma", "Kirsty", "Amanda", "Naseem", "Parveen", "Rupinder", "Kamaljit", "Nasra", "Folake", "Yetunde", "Agnieszka", "Monika", "Elena", "Cristina", "Mariana", "Halima", "Rahima", "Sonia", "Julie"]
ADULT_M = ["Paul", "Darren", "Lee", "Craig", "Wayne", "Stuart", "Neil", "Jason", "Dean", "Matthew", "Andrew", "Amjad", "Tariq", "Zahid", "Kulwinder", "Baljit", "Abdi", "Olumide", "Tomasz", "Piotr", "Adrian", "Ionel", "Nasser", "Shahid", "Kevin", "Martin"]
WORK = ["nhs.net", "sandwell.gov.uk", "wolverhampton.gov.uk", "jlr.com", "royalmail.com", "tesco.com", "midlandsfoods.co.uk"]
WEB = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "icloud.com", "live.co.uk"]

def ascii_slug(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isalnum() and ord(c) < 128).lower()

def main():
    rng = random.Random(SEED)
    rows, emails, codes = [], set(), set()
    def uniq_email(local, dom):
        e, n = f"{local}@{dom}", 1
        while e in emails:
            n += 1; e = f"{local}{n}@{dom}"
        emails.add(e); return e
    def staff_code(first, last):
        f, l = ascii_slug(first), ascii_slug(last)
        c, i = (f[0] + l[:2]).upper(), 0
        while c in codes or len(c) < 3:
            c = (f[0] + l[0] + "ABCDEFGHJKLMNPRSTVWXYZ"[i % 22]).upper() if i < 22 else (f[0] + "ABCDEFGHJKLMNPRSTVWXYZ"[i // 22 % 22] + "ABCDEFGHJKLMNPRSTVWXYZ"[i % 22]).upper()
            i += 1
        codes.add(c); return c
    def upn():
        return rng.choice("ABCDEFGHJKLMNPRTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(12))
    def entry_year(school, year):
        if school == "P":
            off = {"N": 0, "R": 0}.get(year)
            off = 0 if off is not None else int(year)
        else:
            off = int(year) - 7
        return (ACAD_START - off) % 100
    def personal(first, last):
        return f"{ascii_slug(first)}.{ascii_slug(last)}{rng.randint(1, 99)}@{rng.choice(WEB)}"
    counters = {"pupil": 0, "staff": 0, "parent": 0}
    prefix = {"pupil": ("P", 4), "staff": ("S", 3), "parent": ("G", 3)}
    def add(kind, first, pref, last, school, extra):
        counters[kind] += 1
        p, w = prefix[kind]
        rid = f"{p}{counters[kind]:0{w}d}"
        pe, mis = "", ""
        if kind == "pupil":
            email = uniq_email(f"{entry_year(school, extra):02d}{ascii_slug(first)[0]}{ascii_slug(last)}", "pupils." + DOM[school])
            mis = upn()
            if rng.random() < 0.04:
                pe = personal(pref or first, last)
                if rng.random() < 0.3: pe += ";" + personal(first, last)
        elif kind == "staff":
            email = uniq_email(f"{ascii_slug(first)[0]}.{ascii_slug(last)}", DOM[school])
            mis = staff_code(first, last)
            if rng.random() < 0.06: pe = personal(first, last)
        else:
            if rng.random() < 0.8:
                email = uniq_email(f"{ascii_slug(first)}{ascii_slug(last)}{rng.randint(60, 99)}", rng.choice(WEB))
            else:
                email = uniq_email(f"{ascii_slug(first)[0]}.{ascii_slug(last)}", rng.choice(WORK))
        rows.append([rid, first, pref, last, kind, email, pe, mis])
    hand_pupils = []
    for line in HAND:
        kind, first, pref, last, school, extra = line.split("|")
        add(kind, first, pref, last, school, extra)
        if kind == "pupil": hand_pupils.append((first, last))
    hand_names = {(r[1], r[3]) for r in rows}
    origins = list(WEIGHTS); weights = [WEIGHTS[o] for o in origins]
    def gen_name(adult=False, sex=None):
        o = rng.choices(origins, weights)[0]
        m, f, sur = POOLS[o]
        sex = sex or rng.choice("MF")
        if adult and o in ("white_british", "caribbean"):
            first = rng.choice(ADULT_F if sex == "F" else ADULT_M)
        else:
            first = rng.choice(f if sex == "F" else m)
        last = rng.choice(sur)
        if o == "sikh":
            last = rng.choice(["Kaur", "Kaur " + rng.choice(sur[2:])]) if sex == "F" else rng.choice(["Singh", "Singh " + rng.choice(sur[2:])])
        return first, last
    bulk_pupils = []
    while counters["pupil"] < 440:
        first, last = gen_name()
        if (first, last) in hand_names: continue
        hand_names.add((first, last))
        school = "S" if rng.random() < 0.55 else "P"
        year = str(rng.randint(7, 11)) if school == "S" else rng.choice(["N", "R", "1", "2", "3", "4", "5", "6"])
        pref = SHORT.get(first, "") if rng.random() < 0.75 else ""
        add("pupil", first, pref, last, school, year)
        bulk_pupils.append((first, last))
    while counters["staff"] < 130:
        first, last = gen_name(adult=True)
        if (first, last) in hand_names: continue
        hand_names.add((first, last))
        school = rng.choices("TPS", [1, 4, 8])[0]
        add("staff", first, SHORT.get(first, "") if rng.random() < 0.3 else "", last, school, "")
    while counters["parent"] < 130:
        cf, cl = rng.choice(bulk_pupils)
        first, last = gen_name(adult=True)
        if rng.random() < 0.7: last = cl
        if (first, last) in hand_names: continue
        hand_names.add((first, last))
        add("parent", first, "", last, "S", "")
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "first_name", "preferred_name", "last_name", "kind", "email", "personal_emails", "mis_ref"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {OUT}: {counters}")

if __name__ == "__main__":
    main()
