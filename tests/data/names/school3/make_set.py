#!/usr/bin/env python3
"""Build the school3 evaluation set: roster.csv, test.jsonl, README.md.

Every subject line below was written by hand, one at a time. The script only
(a) writes the hand-listed roster, (b) finds the character offsets of each
hand-labelled span inside its subject, (c) checks every label against the
roster, and (d) counts things for the README.

Span shorthand used in the SUBJECTS list:
    "d:Text"          directory span (a roster person fits the written form)
    "d:Text@kind"     same, with the roster kind stated (needed when people of
                      different kinds fit, e.g. "Khan" = pupil and parent)
    "x:Text"          detector span (a person who is NOT on the roster)
Spans are located left to right: each is searched for (whole-word) after the
end of the previous span.
"""
import csv, json, re, unicodedata, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Roster (hand-listed).  "First|Preferred|Last" or "First|Last".
# --------------------------------------------------------------------------
PUPILS = """
Amir|Khan
Musa|Warsame
Olamide|Ola|Adebayo
Piotr|Wiśniewski
Omar|Haddad
Amelia|Walsh
Hope|Robinson
Summer|Ahmed
Joy|Okafor
Grace|O'Brien
Faith|Boateng
Sunny|Miah
Bliss|Thomas
Lily|Hughes
Sage|Kelly
Harley|Bennett
River|Jackson
Angel|Asante
Precious|Nwosu
Blessing|Okonkwo
Gift|Mensah
Esi|Mensah
Favour|Eze
Miracle|Adeleke
Destiny|Clarke
Ruby|English
Leo|French
Maisie|Hill
Jack|Fox
Noah|Lamb
Freya|Cook
Alfie|Read
Evie|Money
Tyler|Gold
Poppy|Day
Ellie|Swift
Mason|Sharp
Isla|Parish
Harvey|Chapel
Daisy|Lane
Jacob|Wales
Sophie|Clarke-Williams
Zara|Ahmed-Hussain
Maria|da Silva Santos
Beatriz|dos Santos
Lars|van der Berg
Callum|McAllister
Eilidh|MacDonald
Niamh|O'Sullivan
Ryan|O'Neill
Kieran|McCarthy
Zoë|Bailey
Ștefan|Ionescu
Mădălina|Popa
Jūratė|Kazlauskaitė
Dovydas|Petrauskas
Łukasz|Zieliński
Zofia|Wójcik
Gonçalo|Ferreira
João|Pereira
Tiago|Costa
Elif|Yıldız
Emre|Çelik
Yusuf|Aydın
Azad|Mahmoud
Hevi|Rashid
Nikolay|Petrov
Viktoria|Georgieva
Ivaylo|Dimitrov
Wei|Zhang
Jiayi|Jenny|Liu
Hao|Wang
Minh|Tran
Linh|Pham
Bao|Le
Jada|Brown
Tyrese|Walker
Ahmad|Noori
Zarlasht|Ahmadzai
Layla|Al-Masri
Yara|Al Hasan
Sofiia|Melnyk
Oleksandr|Sasha|Shevchenko
Daryna|Bondarenko
Hodan|Abdi
Ayaan|Mohamed
Selam|Tekle
Filmon|Habte
Senait|Kidane
Hamza|Iqbal
Maryam|Butt
Ayesha|Malik
Zain|Raza
Tahmina|Begum
Rayan|Uddin
Nusrat|Chowdhury
Arjun|Patel
Anaya|Singh
Rohan|Gupta
Diya|Nair
Jasleen|Kaur
Chidi|Okafor
Tobi|Ogunleye
Adaeze|Nwosu
Emeka|Obi
Kofi|Asante
Ama|Owusu
Nana|Boateng
Oisín|Byrne
Aoife|Kelly
Cian|Murphy
Rory|Campbell
Isla|Fraser
Hamish|Ross
Cerys|Morgan
Rhys|Griffiths
Seren|Hughes
Ffion|Davies
Olivia|Taylor
George|Wilson
Harry|Brown
Charlotte|Wood
Freddie|Baker
Mia|Johnson
Amber|Lewis
Mohammed|Mo|Ali
Thomas|Tom|Harris
"""

# Extra pupils to reach 200: hand-listed first names and surnames paired in a
# fixed order (these people are not referred to by any subject line).
FILL_FIRST = ("Ethan Jayden Logan Max Archie Lucas Theo Reggie Ivy Evelyn Matilda Ella "
              "Scarlett Rosie Phoebe Imogen Ibrahim Yusra Idris Safiya Bilal Inaya Aryan "
              "Kavya Dev Ishaan Tanvir Shanaya Kacper Julia Oliwia Andrei Bianca Darius "
              "Kemal Zeynep Kaiden Malachi Shanice Tariq Khadija Bashir Mariam Nour Anh "
              "Quang Ruoxi Yichen Efua Kwesi Chiamaka Ifeoma Tunde Aleksandra Teodora "
              "Milan Dominika Kerem Saanvi Lowen Ezra Hollie").split()
FILL_LAST = ("Mitchell Harrison Ward Cooper Bell Khalid Rahim Siddiqui Akhtar Das Mistry "
             "Sandhu Kowalski Lewandowski Marin Dumitru Stoica Öztürk Demir Osei Darko "
             "Nwachukwu Ibekwe Yusuf Jama Osman Hakimi Haidari Saleh Kassem Lin Huang Vu "
             "Hoang Ellis Palmer Knight Reid Quinn Doherty Gallagher Lloyd Powell Ivanova "
             "Stanev Balogun Chukwu Ferris Pearson Duffy Kaczmarek Radu Sahin Tan Vo "
             "Mukherjee Rana Yeboah Amoah Ruiz Nash Pike Riley").split()

STAFF = """
Joseph|Okoro
Priya|Sharma
Gareth|Evans
Siobhan|O'Connell
Fiona|MacLeod
Tomasz|Nowak
Hannah|Read
Michael|Swift
Aisha|Rahman
Catherine|Kate|English
Robert|French
Bethan|Wales
Sarah|Hill
David|Moss
Emma|Fox
Joanne|Lamb
Stephen|Cook
Helen|Money
Nicola|Gold
Amanda|Day
Mark|Friday
Laura|Sharp
Paul|Parish
Claire|Chapel
Andrew|Lane
Grace|Adeyemi
Kwame|Mensah
Rebecca|Price
Ioana|Popescu
Mehmet|Yilmaz
Zainab|Hussain
Christopher|Chris|Murphy
Lucy|Wright
Mei|Chen
Thanh|Nguyen
Marcus|Campbell
Anna|Kowalczyk
Ruth|Tesfaye
Ahmed|Farah
Ciara|Byrne
Ewan|Fraser
Dafydd|Pritchard
Victoria|Hale-Bennett
Simon|Marsh
Olena|Kovalenko
Rachel|Summers
Imran|Qureshi
Deborah|Bishop
William|Will|Baxter
Jessica|Jess|Thornton
"""

PARENTS = """
Nasreen|Khan
Abdullahi|Warsame
Funmilayo|Adebayo
Agnieszka|Wiśniewska
Khaled|Haddad
Donna|Walsh
Lee|Robinson
Rukhsana|Ahmed
Tracey|O'Brien
Yaw|Boateng
Rasa|Kazlauskienė
Elena|Popa
Ngozi|Okonkwo
Chinedu|Eze
Michelle|Clarke
Dean|Lane
Kerry|Fox
Gary|Lamb
Lihua|Zhang
Hoa|Tran
Rania|Al-Masri
Svitlana|Melnyk
Fadumo|Abdi
Mebrat|Tekle
Shazia|Iqbal
Rahima|Begum
Vikram|Patel
Manpreet|Kaur
Emmanuel|Okafor
Akosua|Asante
Bridget|Byrne
Julie|McAllister
Catriona|MacDonald
Sian|Morgan
Ana|Ferreira
Ayşe|Yıldız
Dilan|Mahmoud
Ivanka|Petrova
Dmytro|Shevchenko
Gulalai|Noori
Joanne|Bailey
Sandra|English
Paul|Day
Mandy|Swift
Lindsey|Gold
Carl|Read
Jenna|Cook
Tomas|Petrauskas
Marcin|Zieliński
Abena|Mensah
"""

WEBMAIL = ["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "icloud.com",
           "btinternet.com", "live.co.uk", "aol.com"]


def ascii_fold(s):
    s = s.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("ø", "o")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def email_part(s):
    return re.sub(r"[^a-z\-]", "", ascii_fold(s).lower().replace(" ", ""))


def parse(block):
    out = []
    for line in block.strip().splitlines():
        p = line.split("|")
        if len(p) == 2:
            out.append((p[0], "", p[1]))
        else:
            out.append((p[0], p[1], p[2]))
    return out


def build_roster():
    pupils = parse(PUPILS)
    used = {(f, l) for f, _, l in pupils}
    i = 0
    while len(pupils) < 200:
        f = FILL_FIRST[i % len(FILL_FIRST)]
        l = FILL_LAST[(i * 7 + 3) % len(FILL_LAST)]
        i += 1
        if (f, l) not in used:
            used.add((f, l))
            pupils.append((f, "", l))
    staff, parents = parse(STAFF), parse(PARENTS)
    assert len(pupils) == 200 and len(staff) == 50 and len(parents) == 50, (len(pupils), len(staff), len(parents))
    rows, seen = [], set()
    def uniq(addr):
        base, dom = addr.split("@")
        n, a = 1, addr
        while a in seen:
            n += 1
            a = f"{base}{n}@{dom}"
        seen.add(a)
        return a
    for k, (f, p, l) in enumerate(pupils):
        rows.append(dict(id=f"P{k+1:03d}", first_name=f, preferred_name=p, last_name=l, kind="pupil",
                         email=uniq(f"{email_part(f)}.{email_part(l)}@pupils.riverside.sch.uk"),
                         personal_emails="", mis_ref=f"UPN-R{702310 + k * 13}"))
    for k, (f, p, l) in enumerate(staff):
        pe = f"{email_part(p or f)}{email_part(l)}{70 + k}@{WEBMAIL[k % len(WEBMAIL)]}" if k % 3 == 0 else ""
        rows.append(dict(id=f"S{k+1:03d}", first_name=f, preferred_name=p, last_name=l, kind="staff",
                         email=uniq(f"{email_part(f)[0]}.{email_part(l)}@riverside.sch.uk"),
                         personal_emails=pe, mis_ref=f"STF{4100 + k}"))
    for k, (f, p, l) in enumerate(parents):
        dom = WEBMAIL[(k * 3) % len(WEBMAIL)]
        sep = ["." , "_", ""][k % 3]
        second = f"{email_part(l)}family@{WEBMAIL[(k + 2) % len(WEBMAIL)]}" if k % 4 == 1 else ""
        rows.append(dict(id=f"C{k+1:03d}", first_name=f, preferred_name=p, last_name=l, kind="parent",
                         email=uniq(f"{email_part(f)}{sep}{email_part(l)}{(k * 17) % 90 + 10}@{dom}"),
                         personal_emails=second, mis_ref=f"CON{58000 + k * 7}"))
    return rows


# --------------------------------------------------------------------------
# Hand-written subject lines.
# E(subject, spans...)      labelled line (no spans = negative)
# A(subject)                genuinely ambiguous, no span
# --------------------------------------------------------------------------
SUBJECTS = []
def E(subject, *spans):
    SUBJECTS.append((subject, list(spans), False))
def A(subject):
    SUBJECTS.append((subject, [], True))

# ---- mixed / sentence case, naming someone --------------------------------
E("Amir Khan - behaviour incident", "d:Amir Khan")
E("Re: Musa reading book", "d:Musa")
E("Fw: Ola – swimming kit", "d:Ola")
E("Piotr Wiśniewski EAL assessment", "d:Piotr Wiśniewski")
E("Musa, Ola and Piotr - reading group", "d:Musa", "d:Ola", "d:Piotr")
E("Amelia W - medication form missing", "d:Amelia W")
E("J. Okoro cover for period 3", "d:J. Okoro")
E("Can Mr Okoro cover 9X3 tomorrow?", "d:Okoro")
E("Hope Robinson - attendance meeting Thursday", "d:Hope Robinson")
E("Summer Ahmed's EHCP review", "d:Summer Ahmed")
E("Grace O’Brien’s permission slip", "d:Grace O’Brien")
E("Faith B - nosebleed at lunch, mum informed", "d:Faith B")
E("Blessing and Precious - Year 5 assembly parts", "d:Blessing", "d:Precious")
E("Destiny's mum called re pick-up", "d:Destiny")
E("Re: meeting with Mrs Wiśniewska", "d:Wiśniewska")
E("Call back Mr Haddad re Omar", "d:Haddad@parent", "d:Omar")
E("Khan, Amir - sanction log", "d:Khan, Amir")
E("Warsame, Musa — reading age", "d:Warsame, Musa")
E("Jess - can you cover my Y8 set?", "d:Jess")
E("Ms English off sick today - cover needed", "d:English@staff")
E("Mr French's Year 7 French group", "d:French@staff")
E("Ruby English - English set change", "d:Ruby English")
E("Mrs Money - trip payments outstanding", "d:Money@staff")
E("Alfie Read reading record not signed", "d:Alfie Read")
E("Poppy Day - late arrival x3", "d:Poppy Day")
E("Mark Friday - briefing moved to Friday", "d:Mark Friday")
E("Mr Friday's Y11 revision session", "d:Friday")
E("Ellie Swift - need a swift reply pls", "d:Ellie Swift")
E("Miss Sharp - sharps bin in prep room", "d:Sharp@staff")
E("Isla Parish - parish church carol service", "d:Isla Parish")
E("Harvey Chapel detention", "d:Harvey Chapel")
E("Daisy Lane - dropped off in the bus lane again", "d:Daisy Lane")
E("Jacob Wales - Wales residential deposit", "d:Jacob Wales")
E("Mrs Hill / Mr Moss - duty rota swap", "d:Hill@staff", "d:Moss")
E("Jack Fox and Noah Lamb - fight at break", "d:Jack Fox", "d:Noah Lamb")
E("Freya Cook - allergy plan (nuts)", "d:Freya Cook")
E("Tyler Gold - gold award certificate", "d:Tyler Gold")
E("Sophie Clarke-Williams - music lesson timetable", "d:Sophie Clarke-Williams")
E("Zara Ahmed-Hussain Y6 SATs access arrangements", "d:Zara Ahmed-Hussain")
E("Maria da Silva Santos - translation for parents' evening", "d:Maria da Silva Santos")
E("Beatriz dos Santos absence", "d:Beatriz dos Santos")
E("Lars van der Berg - new starter Year 3", "d:Lars van der Berg")
E("Callum McAllister & Eilidh MacDonald - Y10 mocks", "d:Callum McAllister", "d:Eilidh MacDonald")
E("Niamh O'Sullivan – medical", "d:Niamh O'Sullivan")
E("Ryan O'Neill's phone confiscated", "d:Ryan O'Neill")
E("Mrs O'Connell - SENCo referral", "d:O'Connell")
E("Zoë Bailey Y1 - phonics", "d:Zoë Bailey")
E("Ștefan Ionescu - uniform", "d:Ștefan Ionescu")
E("Jūratė Kazlauskaitė EAL stage", "d:Jūratė Kazlauskaitė")
E("Łukasz Zieliński and Zofia Wójcik - Polish GCSE entries", "d:Łukasz Zieliński", "d:Zofia Wójcik")
E("Gonçalo Ferreira - Portuguese interpreter needed", "d:Gonçalo Ferreira")
E("Elif Yıldız 8R - head lice letter", "d:Elif Yıldız")
E("Emre Celik (Year 9) - PE kit", "d:Emre Celik")
E("Azad Mahmoud - Kurdish speaking TA?", "d:Azad Mahmoud")
E("Nikolay Petrov — Y5 maths group", "d:Nikolay Petrov")
E("Parents evening - ZHANG Wei", "d:ZHANG Wei")
E("Jenny Liu - photo consent", "d:Jenny Liu")
E("Bao Le - EAL stage 2", "d:Bao Le")
E("Yara Al Hasan - school meals", "d:Yara Al Hasan")
E("Sasha S - counselling slot", "d:Sasha S")
E("Hodan Abdi & Ayaan Mohamed - Y8 parents meeting", "d:Hodan Abdi", "d:Ayaan Mohamed")
E("Selam Tekle - Tigrinya interpreter booked", "d:Selam Tekle")
E("Arjun Patel, Anaya Singh - G&T maths", "d:Arjun Patel", "d:Anaya Singh")
E("Kofi Asante - Ghana Independence Day display", "d:Kofi Asante")
E("Oisín Byrne Y4 - swimming", "d:Oisín Byrne")
E("Seren Hughes / Ffion Davies - choir solo", "d:Seren Hughes", "d:Ffion Davies")
E("Mr Campbell's class assembly", "d:Campbell@staff")
E("Dr Jennings (EP) visit - Amir Khan", "x:Jennings", "d:Amir Khan")
E("EP report from Dr Sarah Jennings", "x:Sarah Jennings")
E("Supply teacher Kevin Barlow - timesheet", "x:Kevin Barlow")
E("Interview schedule - Leanne Hartley & Priyanka Rao", "x:Leanne Hartley", "x:Priyanka Rao")
E("Social worker Marcia Grant re Destiny Clarke", "x:Marcia Grant", "d:Destiny Clarke")
E("CAMHS - Dr Mehta letter re Hamza", "x:Mehta", "d:Hamza")
E("School nurse (Bev) in tomorrow", "x:Bev")
E("Visitor: Fr Dominic Walsh-Egan – Year 6 RE lesson", "x:Dominic Walsh-Egan")
E("Ofsted lead inspector - Jane Whitfield", "x:Jane Whitfield")
E("Cllr Yasmin Qadir visiting Friday", "x:Yasmin Qadir")
E("Photographer Tom Kettle - class photos 9am", "x:Tom Kettle")
E("Ref request for Ms Adeyemi from Oakfield Primary", "d:Adeyemi")
E("Grace - cover for 6G?", "d:Grace@staff")
E("@Will gate duty Fri pls", "d:Will")
E("Mrs Rahman's maternity cover", "d:Rahman")
E("Ioana P - timetable clash", "d:Ioana P")
E("Olena to translate for Sofiia's mum", "d:Olena", "d:Sofiia")
E("Ewan F & Ciara B - trip risk assessment", "d:Ewan F", "d:Ciara B")
E("Hale-Bennett, Victoria - appraisal", "d:Hale-Bennett, Victoria")
E("Fwd: Mr Qureshi absence", "d:Qureshi")
E("Deborah Bishop - DSL training", "d:Deborah Bishop")
E("Mrs Summers - Summer fair stall", "d:Summers")
E("Summer Ahmed - summer school place", "d:Summer Ahmed")
E("Lily Hughes lost her coat", "d:Lily Hughes")
E("River J - wet play", "d:River J")
E("Angel Asante - Angel of the North trip form", "d:Angel Asante")
E("Harley B Y10 - work experience at the Harley-Davidson dealer", "d:Harley B")
E("Sage K - SALT referral", "d:Sage K")
E("Bliss Thomas - reading buddy", "d:Bliss Thomas")
E("Joy Okafor won the Joy of Reading prize!", "d:Joy Okafor")
E("Gift and Esi Mensah - sibling discount", "d:Gift", "d:Esi Mensah")
E("Faith Boateng's trip money", "d:Faith Boateng")
E("Precious N - nit letter", "d:Precious N")
E("Miracle A and Favour E - lunchtime incident", "d:Miracle A", "d:Favour E")
E("Mr Evans - rugby kit", "d:Evans")
E("Ask Miss MacLeod re Eilidh", "d:MacLeod", "d:Eilidh")
E("Mrs Lamb's TA is off today", "d:Lamb@staff")
E("Miss Byrne's class (Y2)", "d:Byrne@staff")
E("Chris M - timetable v3", "d:Chris M")
E("Mrs Khan phoned re Amir", "d:Khan@parent", "d:Amir")
E("Meeting with Nasreen Khan 3:30", "d:Nasreen Khan")
E("Donna Walsh complaint", "d:Donna Walsh")
E("Mr Robinson (Hope's dad) - access", "d:Robinson@parent", "d:Hope")
E("Agnieszka Wiśniewska – consent form", "d:Agnieszka Wiśniewska")
E("Mrs Adebayo - Ola's hearing aid", "d:Adebayo@parent", "d:Ola")
E("Ms Kazlauskienė - meeting request", "d:Kazlauskienė")
E("Mrs Popa re Madalina", "d:Popa@parent", "d:Madalina")
E("Mrs English (Ruby's mum) wants a call back", "d:English@parent", "d:Ruby")
E("Call from Mr Warsame", "d:Warsame@parent")
E("Mo Ali - PE kit", "d:Mo Ali")
E("Tom H - lost blazer", "d:Tom H")
E("Amber L - SEN support plan", "d:Amber L")
E("Re: Re: Kofi's predicted grades", "d:Kofi")
E("Tiago’s mum asking about the Costa voucher", "d:Tiago")
E("AW: Mr Nowak - lab booking", "d:Nowak")
E("Cover: Mrs Hale-Bennett P2, Mr Marsh P4", "d:Hale-Bennett", "d:Marsh")
E("Ahmad Noori and Zarlasht Ahmadzai - Dari interpreter", "d:Ahmad Noori", "d:Zarlasht Ahmadzai")
E("Daryna B. - Ukrainian GCSE", "d:Daryna B.")
E("R. Griffiths - late mark query", "d:R. Griffiths")
E("Meeting re Jada (Brown) 4pm", "d:Jada", "d:Brown")
E("Safeguarding: concern raised by Lee Robinson", "d:Lee Robinson")
E("Ivaylo & Viktoria - Bulgarian speakers buddy", "d:Ivaylo", "d:Viktoria")
E("Careers interview with Mr Osborne (Connexions) for Hevi Rashid", "x:Osborne", "d:Hevi Rashid")
E("Speech and language - Ms Nkechi Umeh visiting Tuesday", "x:Nkechi Umeh")
E("Reference for Marek Dvořák (TA applicant)", "x:Marek Dvořák")
E("Boiler invoice - Dave at Gough & Sons", "x:Dave")
E("Music tutor Sinéad Ní Bhriain - new timetable", "x:Sinéad Ní Bhriain")
E("Governor visit: Mrs Pauline Ashworth, Thursday", "x:Pauline Ashworth")
E("Parent tour - Mr and Mrs Okonjo (prospective Y7)", "x:Okonjo")

# ---- mixed / sentence case, negatives with traps ---------------------------
E("Year 6 SATs timetable")
E("English cover needed period 2")
E("Trip money still outstanding for 5H")
E("Poppy Day assembly - Year 4 readers")
E("Summer fair - volunteers needed")
E("Hope Class trip to the farm")
E("Willow and Oak class swap")
E("Grace period for coursework extended")
E("Sunny forecast - sports day is ON")
E("Faith leaders visit - RE curriculum")
E("Blessing of the new building Friday")
E("Lily pad pond - no access during works")
E("River Thames trip - Year 5")
E("Angel of the North visit letter")
E("Harley-Davidson talk for Y10 engineering")
E("Sage payroll export")
E("Gift Aid forms for the PTA")
E("Favour to ask - can anyone lend a laptop charger?")
E("Miracle-Gro for the allotment")
E("Destiny Church hall booking for the fun run")
E("Precious metals - Y9 chemistry practical")
E("Will writing workshop for staff (free)")
E("Khan Academy logins for 8R")
E("Read Write Inc training - Tuesday")
E("Money Week assembly")
E("Gold DofE expedition - kit check")
E("Cooking club cancelled this week")
E("Sharp objects found in a Y9 bag - search done")
E("Swift response needed - data drop")
E("Parish council letter re parking")
E("Chapel Street gate locked at 3:15")
E("Lane closure on Riverside Road")
E("Hill walk consent - Kinder Scout")
E("Moss on the playground steps")
E("Fox seen on the field - keep kids in at break")
E("Lamb tagine for Eid lunch")
E("Wales v England - rugby screening in the hall")
E("French exchange 2025 - host families")
E("Friday briefing moved to 8:20")
E("Day trip to Chester - payments")
E("Bishop visiting for the confirmation service")
E("Victoria Park trip consent")
E("Victorian day costumes")
E("Riverside Academy newsletter - spring edition")
E("May half term clubs")
E("Re: May timetable")
E("Seacole house points")
E("Shakespeare Schools Festival - Macbeth rehearsals")
E("Darwin topic resources (Y6)")
E("Henry VIII worksheets for Y2?")
E("Anne Frank Trust workshop booking")
E("Prince's Trust XL club")
E("Jack Petchey Award - nominations due")
E("Duke of Edinburgh bronze - kit list")
E("Mr Tumble signing club - Makaton")
E("Father Christmas grotto volunteers")
E("Dr Seuss day - hats")
E("St Patrick's Day bake sale")
E("St George's Day parade")
E("Newton's laws worksheet - answers")
E("Martin Luther King assembly slides")
E("Marks & Spencer vouchers for Y6 leavers")
E("McDonald's reward trip?")
E("Costa order for INSET day")
E("Greggs breakfast club delivery late")
E("Boots vouchers for staff wellbeing")
E("Dyson award entry - Y9 DT")
E("Oxford Reading Tree book bands")
E("Amber weather warning - early closure?")
E("King's Coronation bunting in the loft?")
E("Jack and the Beanstalk panto - tickets")
E("Peter Rabbit costume for World Book Day")
E("Of Mice and Men - Y10 set texts")
E("Romeo and Juliet revision")
E("Harry Potter book club")
E("Roald Dahl day - dress up")
E("Re: cover")
E("Fw: Parents evening booking system")
E("Data drop deadline")
E("Staff wellbeing survey")
E("Printer on 2nd floor jammed again")
E("Year 10 work experience placements")
E("Lost property - blazers")
E("Reading group list Y3")
E("Science practical equipment order")
E("PE kit reminder letter")
E("Cover for period 5 - 10C2")
E("Safeguarding training update")
E("Attendance figures w/c 3rd March")
E("Eid Mubarak from the office!")
E("Diwali assembly - rangoli designs")
E("Chinese New Year dragon parade")
E("Black History Month display boards")
E("Ramadan - lunchtime provision")
E("Mothers' Day cards")
E("Windrush Day - speakers wanted")
E("Grace Darling - Y1 history topic")
E("Florence Nightingale and Mary Seacole comparison")
E("Hope and Glory - Y6 production auditions")
E("Sunny Side Up breakfast club")
E("Rose and Crown - end of term drinks")
E("Fw: Summer term dates")
E("RE: Year 6 Residential")
E("Dusty books in library - clear out")
E("Will you be at parents' evening?")
E("Hope you had a good half term")
E("Gift for the leaving staff collection")
E("Faith schools conference")
E("Joy of Moving festival entries")
E("Bliss tea room - staff social?")
E("Harley Street clinic letter - please file")
E("Golden Mile run for Sport Relief")
E("Read the new behaviour policy by Friday")
E("Day of the Dead masks - Y8 Spanish")
E("Sharpie pens order for exam hall")
E("Swift Lane bus stop moved")
E("Cook's Field - sports day venue")
E("Hillside Primary transition day")
E("Moss Side boxing club taster")
E("Lambs at the farm visit - hand washing")
E("Wales Millennium Centre trip")
E("English Heritage membership")
E("French windows in the library won't lock")
E("Money, money, money - Y6 enterprise")
E("Gold, silver and bronze awards")
E("Friday 13th - fire alarm test")
E("Day 3 of Ofsted - well done all")
E("Parishioners' Christmas lunch in the hall")
E("Chapel service for Remembrance")
E("Lane 4 at the swimming gala")
E("AW: timetable swap next week")

# ---- Title Case -----------------------------------------------------------
E("Amir Khan - Behaviour Incident", "d:Amir Khan")
E("Grace O'Brien - Medical Needs Plan", "d:Grace O'Brien")
E("Meeting With Dr Sarah Jennings", "x:Sarah Jennings")
E("Parents Evening Slot For Hope Robinson", "d:Hope Robinson")
E("Star Of The Week - Favour Eze", "d:Favour Eze")
E("Head Boy Application - Kofi Asante", "d:Kofi Asante")
E("New Starter: Lars Van Der Berg", "d:Lars Van Der Berg")
E("Merit Awards - Will Baxter's Form", "d:Will Baxter")
E("Evie Money", "d:Evie Money")
E("Interview Panel - Leanne Hartley", "x:Leanne Hartley")
E("Welcome Back Mrs Rahman", "d:Rahman")
E("Referral For Layla Al-Masri", "d:Layla Al-Masri")
E("Thank You Mr Okoro", "d:Okoro")
E("Sunny Miah - Attendance Letter", "d:Sunny Miah")
E("Clarke-Williams, Sophie", "d:Clarke-Williams, Sophie")
E("Year 6 Residential - Letter To Parents")
E("Summer Fair Planning Meeting")
E("Poppy Day Assembly Rota")
E("Harvest Festival Donations")
E("Angel Of The North Trip - Coach Booking")
E("River Thames Trip - Risk Assessment")
E("Lily Pad Pond Safety Check")
E("Spring Term Clubs List")
E("Black History Month - Mary Seacole Display")
E("Macbeth Mock Exam Papers")
E("World Book Day Costumes")
E("Christmas Jumper Day")
E("Golden Time Rewards")
E("Chapel Street Car Park Closure")
E("Fox Class Trip To Twycross Zoo")
E("Sports Day - Friday 12th July")
E("Hope Class Nativity Costumes")
E("Duke Of Edinburgh Bronze Kit List")
E("Jack Petchey Award Nominations")
E("Turing v Brontë House Football")
E("Victoria Park Trip - Consent Forms")
E("Read Write Inc Training Dates")
E("Miracle On 34th Street - Y6 Film Afternoon")
E("Destiny Church Hall Booking")
E("Safer Recruitment Training")
E("Bishop Auckland Residential Deposit")
E("Faith And Belief Day Timetable")
E("Summer Term Calendar")

# ---- ALL CAPS -------------------------------------------------------------
E("AMIR KHAN - BEHAVIOUR INCIDENT", "d:AMIR KHAN")
E("URGENT: LAYLA AL-MASRI - SAFEGUARDING", "d:LAYLA AL-MASRI")
E("RE: MUSA WARSAME READING", "d:MUSA WARSAME")
E("MS ENGLISH - MOCK RESULTS", "d:ENGLISH@staff")
E("PIOTR WIŚNIEWSKI - EAL", "d:PIOTR WIŚNIEWSKI")
E("KHAN, AMIR", "d:KHAN, AMIR")
E("O'SULLIVAN NIAMH - MEDICAL", "d:O'SULLIVAN NIAMH")
E("SUPPLY: KEVIN BARLOW P1-P3", "x:KEVIN BARLOW")
E("DR JENNINGS VISIT MOVED", "x:JENNINGS")
E("FW: MRS KHAN COMPLAINT", "d:KHAN@parent")
E("OLA ADEBAYO - ALLERGY", "d:OLA ADEBAYO")
E("GRACE O'BRIEN - EPIPEN", "d:GRACE O'BRIEN")
E("SAFEGUARDING - HAMZA IQBAL", "d:HAMZA IQBAL")
E("WILL BAXTER - FIXTURES", "d:WILL BAXTER")
E("ANGEL ASANTE - MISSING FROM REGISTER", "d:ANGEL ASANTE")
E("EXAM CLASH - SUNNY MIAH / RYAN O'NEILL", "d:SUNNY MIAH", "d:RYAN O'NEILL")
E("MR FRENCH - FRENCH ORALS ROOM CHANGE", "d:FRENCH@staff")
E("ZOË BAILEY COLLECTED BY GRANDAD", "d:ZOË BAILEY")
E("TIAGO COSTA - TRIP MONEY", "d:TIAGO COSTA")
E("MARCIA GRANT (SOCIAL WORKER) CALLING 2PM", "x:MARCIA GRANT")
E("PRECIOUS NWOSU Y6 - SATS", "d:PRECIOUS NWOSU")
E("MISS SHARP OFF - PLEASE COVER 10X2", "d:SHARP@staff")
E("NURSE BEV HOLLOWAY - FLU JABS", "x:BEV HOLLOWAY")
E("HARLEY BENNETT AND JACK FOX - ISOLATION", "d:HARLEY BENNETT", "d:JACK FOX")
E("DESTINY CLARKE - CP", "d:DESTINY CLARKE")
E("BLESSING OKONKWO", "d:BLESSING OKONKWO")
E("JOY OKAFOR 5P - MEDICAL", "d:JOY OKAFOR")
E("AW: GONÇALO FERREIRA", "d:GONÇALO FERREIRA")
E("MR HADDAD INTERPRETER BOOKED", "d:HADDAD@parent")
E("CHECK REGISTERS - FAITH B", "d:FAITH B")
E("PAYROLL QUERY - J. OKORO", "d:J. OKORO")
E("FIRE DRILL FRIDAY 10AM")
E("ENGLISH MOCK RESULTS Y11")
E("HOPE CLASS - TRIP MONEY")
E("SUMMER TERM DATES")
E("MAY HALF TERM CLUBS")
E("GRACE PERIOD FOR COURSEWORK ENDS TODAY")
E("STAFF BRIEFING 8:15 - MANDATORY")
E("LOCKDOWN DRILL TODAY")
E("RIVER TRIP CANCELLED")
E("NO HOT WATER IN MAIN BLOCK")
E("SPORTS DAY RESULTS")
E("OFSTED CALL TOMORROW")
E("INSET DAY REMINDER")
E("SNOW - SCHOOL OPEN")
E("COSTA ORDER FOR INSET")
E("READING WEEK BOOK FAIR")
E("FW: FW: PARKING ON CHAPEL LANE")
E("GOLD DOFE EXPEDITION KIT")
E("SWIFT FEEDBACK NEEDED - DATA DROP")
E("LAMB TAGINE ON EID MENU")
E("POPPY APPEAL TRAYS")
E("WALES V ENGLAND SCREENING IN HALL")
E("DAY TRIP TO CHESTER - PAYMENTS")
E("MOCK EXAMS - FRENCH & ENGLISH SEATING")
E("YEAR 11 PROM DEPOSITS")
E("HEAD LICE - YEAR 2")
E("KHAN ACADEMY LOGINS")
E("ST DAVID'S DAY - WELSH CAKES")
E("REMINDER: REPORTS DUE FRIDAY")
E("ANGEL OF THE NORTH - COACH TIMES")
E("BLESSING OF THE NEW LIBRARY")

# ---- lower case -----------------------------------------------------------
E("quick q re musa", "d:musa")
E("omar y4 - tooth", "d:omar")
E("@jess can u cover", "d:jess")
E("re: amir khan detention", "d:amir khan")
E("ola kit again", "d:ola")
E("piotr wisniewski eal", "d:piotr wisniewski")
E("grace o'brien nosebleed", "d:grace o'brien")
E("sunny miah 10c2 late again", "d:sunny miah")
E("blessing okonkwo y3 pick up", "d:blessing okonkwo")
E("fw: layla", "d:layla")
E("amelia w meds", "d:amelia w")
E("sasha - counsellor rang", "d:sasha")
E("mrs khan rang again", "d:khan@parent")
E("mr okoro's set 3 books", "d:okoro")
E("can kate cover my duty", "d:kate")
E("tyler gold - ipad", "d:tyler gold")
E("ruby english - set 2", "d:ruby english")
E("ms english is in today", "d:english@staff")
E("jack f and noah l - behaviour", "d:jack f", "d:noah l")
E("zoe bailey - phonics", "d:zoe bailey")
E("stefan ionescu uniform", "d:stefan ionescu")
E("lukasz zielinski eal", "d:lukasz zielinski")
E("joao pereira - dentist", "d:joao pereira")
E("nana boateng reading book", "d:nana boateng")
E("oisin byrne swimming", "d:oisin byrne")
E("dr mehta letter", "x:mehta")
E("kevin barlow supply invoice", "x:kevin barlow")
E("jennings report attached", "x:jennings")
E("bev (nurse) in thurs", "x:bev")
E("dave from gough & sons re boiler", "x:dave")
E("amir y9 - phone", "d:amir")
E("musa + ola reading", "d:musa", "d:ola")
E("lily's mum rang", "d:lily")
E("hope robinson - attendance", "d:hope robinson")
E("summer ahmed - ehcp", "d:summer ahmed")
E("river j pe kit", "d:river j")
E("faith b y4 nosebleed", "d:faith b")
E("gareth - minibus keys", "d:gareth")
E("siobhan re senco list", "d:siobhan")
E("fiona macleod - y10 mocks", "d:fiona macleod")
E("tomasz laptops", "d:tomasz")
E("ms kovalenko eal list", "d:kovalenko")
E("mrs wisniewska meeting", "d:wisniewska")
E("re: re: khan, amir", "d:khan, amir")
E("yusuf aydin - trip", "d:yusuf aydin")
E("emeka obi - trip letter", "d:emeka obi")
E("hope ur ok")
E("will be late tmrw")
E("summer fair rota")
E("sunny day - outdoor learning pm")
E("joy of reading display")
E("faith assembly thurs")
E("river trip consent")
E("lily pad pond fence broken")
E("may i swap duties")
E("may day bank hol cover")
E("english dept mtg moved")
E("french trip money")
E("gold stars for 4w")
E("cook club cancelled")
E("read write inc - new groups")
E("money for trip by fri pls")
E("fox on the field again")
E("hill walk kit list")
E("moss on the steps - slippy")
E("lane closed outside main gate")
E("parish newsletter")
E("re: chapel st parking")
E("swift one after work fri?")
E("sharp knives in food tech")
E("friday briefing notes")
E("day 2 of mocks")
E("wales trip deposits")
E("sage login not working")
E("will writing session for staff")
E("precious few copies left")
E("gift aid forms")
E("destiny church hall keys")
E("miracle-gro for the allotment")
E("angel of the north trip")
E("bliss - printer fixed!!")
E("harley davidson talk y10")
E("pupil premium list")
E("grace period over?")
E("staff room fridge clear out fri")
E("ipad trolley missing")
E("can someone cover gate duty")
E("wifi down in b block")
E("lunch duty swap?")
E("nativity costumes")
E("swimming cancelled tues")
E("christmas jumper day")
E("khan academy homework")
E("victoria park - coach times")

# ---- genuinely ambiguous (no span) ----------------------------------------
A("favour - can u print these")
A("can u cover p4 will")
A("re: summer")
A("joy - thanks for today x")
A("RE: Hope")
A("Grace")
A("Re: English")
A("Friday?")
A("sunny!")
A("Angel")
A("Re: Chapel")
A("Bishop re visit")
A("river - wet play?")
A("Precious")


# --------------------------------------------------------------------------
# Roster matching
# --------------------------------------------------------------------------
def norm(s):
    s = s.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", ascii_fold(s).casefold().strip())


def fits(text, r):
    t = norm(text)
    firsts = {norm(r["first_name"])} | ({norm(r["preferred_name"])} if r["preferred_name"] else set())
    last = norm(r["last_name"])
    if "," in t:
        a, b = [x.strip() for x in t.split(",", 1)]
        return a == last and b in firsts
    if t in firsts or t == last:
        return True
    for f in firsts:
        if t in (f"{f} {last}", f"{last} {f}"):
            return True
        # first name + surname initial: "Amelia W", "Daryna B."
        m = re.fullmatch(r"(.+) (\w)\.?", t)
        if m and m.group(1) == f and last.startswith(m.group(2)):
            return True
    # initial + surname: "J. Okoro", "R Griffiths"
    m = re.fullmatch(r"(\w)\.? (.+)", t)
    if m and m.group(2) == last and any(f.startswith(m.group(1)) for f in {norm(r["first_name"])}):
        return True
    return False


def _words(s):
    s = re.sub(r"^((re|fw|fwd|aw|wg|tr)\s*:\s*)+", "", s, flags=re.I)
    words = []
    for tok in s.split():
        if re.search(r"\d", tok):
            continue  # Y4, 10C2, 9am ...
        words += re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", tok)
    return [w for w in words if len(w) >= 2]


def case_of(subject, spans):
    words = _words(subject)
    if not words:
        return "sentence"
    if all(w.isupper() for w in words):
        return "upper"
    if all(w.islower() for w in words):
        return "lower"
    # Title vs sentence is decided on the words that are not names, honorifics
    # or acronyms (names are capitalised in either style).
    blanked = list(subject)
    for s, e, _, _ in spans:
        blanked[s:e] = " " * (e - s)
    honor = {"mr", "mrs", "ms", "miss", "dr", "fr", "cllr", "mx"}
    small = {"a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with",
             "re", "v", "vs", "from", "da", "dos", "de", "van", "der", "al"}
    rest = [w for w in _words("".join(blanked)) if w.lower() not in honor and not w.isupper()]
    if not rest:
        return "title" if spans else "sentence"   # bare name(s) written capitalised
    core = [w for w in rest if w.lower() not in small]
    cap_small = [w for w in rest[1:] if w.lower() in small and w[0].isupper()]
    if core and all(w[0].isupper() for w in core) and (len(core) >= 2 or cap_small):
        return "title"
    return "sentence"


def main():
    roster = build_roster()
    with open(os.path.join(HERE, "roster.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "first_name", "preferred_name", "last_name",
                                           "kind", "email", "personal_emails", "mis_ref"])
        w.writeheader()
        w.writerows(roster)

    subjects = [s for s, _, _ in SUBJECTS]
    dup = [s for s, c in collections.Counter(subjects).items() if c > 1]
    assert not dup, dup

    records, problems = [], []
    for subject, spans, amb in SUBJECTS:
        out, kinds, pos = [], [], 0
        for sp in spans:
            label, rest = sp.split(":", 1)
            kind = None
            if "@" in rest:
                rest, kind = rest.rsplit("@", 1)
            pat = r"(?<![\w'’])" + re.escape(rest) + r"(?!\w)"
            m = re.compile(pat).search(subject, pos)
            assert m, (subject, rest)
            start, end = m.start(), m.end()
            assert subject[start:end] == rest
            pos = end
            matching = [r for r in roster if fits(rest, r)]
            if label == "d":
                ks = sorted({r["kind"] for r in matching})
                if not ks:
                    problems.append(f"directory span fits nobody: {rest!r} in {subject!r}")
                elif kind:
                    if kind not in ks:
                        problems.append(f"kind {kind} not among {ks}: {rest!r} in {subject!r}")
                elif len(ks) > 1:
                    problems.append(f"kind ambiguous {ks}: {rest!r} in {subject!r}")
                else:
                    kind = ks[0]
                out.append([start, end, "directory", rest])
                kinds.append(kind)
            elif label == "x":
                if matching:
                    problems.append(f"detector span fits roster {[r['id'] for r in matching]}: {rest!r}")
                out.append([start, end, "detector", rest])
                kinds.append("unknown")
            else:
                raise ValueError(sp)
        # spans must not overlap
        for a, b in zip(out, out[1:]):
            assert a[1] <= b[0], subject
        rec = {"subject": subject, "spans": out, "case": case_of(subject, out), "kinds": kinds}
        if amb:
            assert not out
            rec["ambiguous"] = True
        records.append(rec)
    if problems:
        raise SystemExit("\n".join(problems))

    for rec in records:
        for s, e, _, t in rec["spans"]:
            assert rec["subject"][s:e] == t

    with open(os.path.join(HERE, "test.jsonl"), "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # ---- counts ----
    n = len(records)
    named = sum(1 for r in records if r["spans"])
    amb = sum(1 for r in records if r.get("ambiguous"))
    case_c = collections.Counter(r["case"] for r in records)
    case_named = collections.Counter(r["case"] for r in records if r["spans"])
    lab = collections.Counter(s[2] for r in records for s in r["spans"])
    kinds = collections.Counter(k for r in records for k in r["kinds"])
    span_case = collections.Counter(r["case"] for r in records for s in r["spans"])
    nspans = sum(lab.values())
    roster_kinds = collections.Counter(r["kind"] for r in roster)
    counts = dict(subjects=n, with_names=named, negatives=n - named - amb, ambiguous=amb,
                  spans=nspans, spans_by_label=dict(lab), spans_by_kind=dict(kinds),
                  subjects_by_case=dict(case_c), named_subjects_by_case=dict(case_named),
                  spans_by_subject_case=dict(span_case), roster=dict(roster_kinds))
    print(json.dumps(counts, indent=1))
    write_readme(counts)


def pct(a, b):
    return f"{100 * a / b:.0f}%"


def write_readme(c):
    n = c["subjects"]
    cases = ["sentence", "title", "upper", "lower"]
    case_rows = "\n".join(
        f"| {k} | {c['subjects_by_case'].get(k, 0)} ({pct(c['subjects_by_case'].get(k, 0), n)}) "
        f"| {c['named_subjects_by_case'].get(k, 0)} | {c['spans_by_subject_case'].get(k, 0)} |"
        for k in cases)
    kind_rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(c["spans_by_kind"].items()))
    text = f"""# school3 — person names in UK school email subject lines (hand-written)

Independent evaluation set for a feature that finds **person names** in email
subject lines written by staff at a UK school, so a tool can warn before a
subject such as "Amir Khan - behaviour incident" is sent.

Setting: *Riverside Academy*, a mixed all-through (primary + secondary) academy
in an English city. Staff mail is terse and inconsistent.

Written from the brief alone: no project code and no earlier evaluation set
was read.

## Method

* `roster.csv` is hand-listed (`make_set.py`: `PUPILS`, `STAFF`, `PARENTS`).
  {c['roster'].get('pupil', 0)} pupils, {c['roster'].get('staff', 0)} staff,
  {c['roster'].get('parent', 0)} parents. The first ~135 pupils, all staff and
  all parents were written out individually; the remaining pupils are
  hand-listed first names paired with hand-listed surnames in a fixed order
  (none of those filler pupils is referred to by a subject line). All
  combinations are synthetic. Origins include English, Scottish, Irish, Welsh,
  Pakistani, Bangladeshi, Indian, Nigerian, Ghanaian, Somali, Eritrean, Polish,
  Romanian, Lithuanian (incl. feminine surname forms), Bulgarian, Portuguese,
  Turkish, Kurdish, Chinese, Vietnamese, Jamaican, Afghan, Syrian, Ukrainian;
  accented names are kept in their native spelling. The roster deliberately
  contains first names that are English words (Hope, Summer, Joy, Grace,
  Faith, Sunny, Bliss, Lily, Sage, Harley, River, Angel, Precious, Blessing,
  Gift, Favour, Miracle, Destiny, Amber, Poppy, Will, Nana), surnames that are
  words, subjects or places (English, French, Wales, Hill, Moss, Fox, Lamb,
  Cook, Read, Money, Gold, Day, Friday, Swift, Sharp, Parish, Chapel, Lane,
  Bishop, Costa), hyphenated and multi-part surnames (Clarke-Williams,
  Ahmed-Hussain, Hale-Bennett, Al-Masri, Al Hasan, da Silva Santos, dos Santos,
  van der Berg) and Mc/Mac/O' names. Preferred names: Ola (Olamide), Jenny
  (Jiayi), Sasha (Oleksandr), Mo (Mohammed), Tom (Thomas), Kate (Catherine),
  Chris (Christopher), Will (William), Jess (Jessica).
  Emails: pupils `first.last@pupils.riverside.sch.uk`, staff
  `f.last@riverside.sch.uk`, parents on webmail; some staff/parents have
  `personal_emails` (`;`-separated if more than one).
* `test.jsonl`: every subject line was **written by hand, one at a time**, with
  its spans written next to it as text. No template is filled with names.
  `make_set.py` only computes offsets (whole-word search for the span text,
  left to right), asserts `subject[start:end] == text` for every span, and
  checks every label against the roster:
  * a `directory` span must fit at least one roster person in the written form
    (full name, first or preferred name alone, surname alone, "Surname, First",
    "Surname First", initial + surname, first + surname initial; compared
    case-insensitively and with accents folded, curly apostrophes = straight);
    its `kinds` entry is the roster kind of the fitting people, stated by hand
    where people of different kinds fit (e.g. "Mrs Khan" = parent, while the
    pupil Amir Khan also fits "Khan");
  * a `detector` span must fit **nobody** on the roster (outside
    professionals, supply staff, applicants, visitors, governors, tradespeople).
* `case` is computed from the subject: reply/forward prefixes (`RE:`, `Fw:`,
  `AW:` ...) and tokens containing digits (`Y4`, `10C2`, `9am`) are ignored;
  `upper` if all words are capitals, `lower` if all are lower case; otherwise
  `title` vs `sentence` is decided on the words left after removing the name
  spans, honorifics and acronyms: `title` if they are all capitalised (two or
  more content words, or a capitalised small word such as "For"/"Of"), or if
  the subject is only a capitalised name ("Evie Money"); else `sentence`.

Run: `python3 make_set.py` (rewrites roster.csv, test.jsonl and this README;
fails loudly on any offset or roster mismatch).

## Record format

```
{{"subject": "...", "spans": [[start, end, "directory"|"detector", "text"], ...],
  "case": "sentence|title|upper|lower", "kinds": ["pupil"|"staff"|"parent"|"unknown", ...],
  "ambiguous": true   # only on genuinely ambiguous lines, which have no spans}}
```
Offsets are Python string indices (code points). `kinds` is parallel to
`spans` (`unknown` for detector spans).

## Counts

* subjects: **{n}**
* subjects naming at least one person: **{c['with_names']}** ({pct(c['with_names'], n)})
* negatives (no person name): **{c['negatives']}**
* ambiguous (no span, `"ambiguous": true`): **{c['ambiguous']}**
* spans: **{c['spans']}** — directory {c['spans_by_label'].get('directory', 0)}, detector {c['spans_by_label'].get('detector', 0)}

| case | subjects | subjects with names | spans |
|---|---|---|---|
{case_rows}

| span kind | spans |
|---|---|
{kind_rows}

## Conventions

* The span is the **name only**: no title (Mr, Mrs, Ms, Miss, Dr, Fr, Cllr,
  Nurse), no role words, no possessive `'s` / `’s` ("Summer Ahmed's EHCP" →
  `Summer Ahmed`).
* Initials keep their dot: `J. Okoro`, `Daryna B.`; `Amelia W`, `Faith B`.
* Particles and multi-part surnames are inside the span: `Maria da Silva
  Santos`, `Lars van der Berg`, `Yara Al Hasan`, `Layla Al-Masri`.
* "Surname, First" is **one** span including the comma: `Khan, Amir`,
  `Hale-Bennett, Victoria`. "Surname First" without comma (`ZHANG Wei`,
  `O'SULLIVAN NIAMH`) is also one span.
* A first name and a full name joined by "and" are separate spans ("Gift and
  Esi Mensah" → `Gift`, `Esi Mensah`); lists give one span per person.
* Surname alone after a title is a span (`Mrs Khan` → `Khan`); a title with a
  name in parentheses gives two spans ("Jada (Brown)").
* Not names (negatives): word uses of name-words (hope, will, grace period,
  favour to ask, gift aid, sunny), school subjects (English, French),
  months/days (May, Friday), places and streets (Chapel Street, Victoria Park,
  River Thames, Bishop Auckland, Harley Street, Moss Side, Wales), brands and
  organisations (Khan Academy, Costa, Read Write Inc, Sage, Miracle-Gro,
  Harley-Davidson, Marks & Spencer, Destiny Church), works and characters
  (Macbeth, Peter Rabbit, Harry Potter, Mr Tumble, Father Christmas), awards
  and schemes named after people (Jack Petchey Award, Duke of Edinburgh,
  Prince's Trust, Anne Frank Trust), school houses and class names (Seacole,
  Turing v Brontë, Hope Class, Fox Class), and historical or famous figures
  studied as topics (Grace Darling, Mary Seacole, Florence Nightingale, Henry
  VIII, Martin Luther King, Newton, Darwin, Roald Dahl). These are not
  individuals the school holds personal data about, so they carry no span even
  when they are person names.
* A word that names a roster person **and** reads naturally as a word, with
  nothing in the line to decide between the two, is marked
  `"ambiguous": true` with no span ("re: summer", "RE: Hope", "Re: English",
  "Friday?", "can u cover p4 will", "favour - can u print these").
* Where a line contains both a name use and a word use of the same string,
  only the name is a span ("Mark Friday - briefing moved to Friday",
  "Ruby English - English set change", "Mr French's Year 7 French group").
"""
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
