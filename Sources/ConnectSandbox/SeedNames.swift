/// Static name material for the seeded accounts: several scripts, plus the hostile strings.
enum SeedNames {
    struct Marketplace: Sendable {
        let id: String
        let name: String
        let contractID: String
        let contractName: String
        let countryCode: String
    }

    /// A customer or reseller template: company, place and contact person.
    struct Account: Sendable {
        let company: String
        let city: String
        let state: String
        let country: String
        let street: String
        let postalCode: String
        let firstName: String
        let lastName: String
        let emailDomain: String
        let marketplace: Int

        init(
            _ company: String, _ city: String, _ state: String, _ country: String, _ street: String,
            _ postalCode: String, _ firstName: String, _ lastName: String, _ emailDomain: String, _ marketplace: Int
        ) {
            self.company = company
            self.city = city
            self.state = state
            self.country = country
            self.street = street
            self.postalCode = postalCode
            self.firstName = firstName
            self.lastName = lastName
            self.emailDomain = emailDomain
            self.marketplace = marketplace
        }
    }

    static let marketplaces: [Marketplace] = [
        Marketplace(
            id: "MP-78894", name: "Marketplace EUROPE", contractID: "CRD-78894-10012-40031",
            contractName: "Distribution EU", countryCode: "+49"),
        Marketplace(
            id: "MP-84512", name: "Marketplace North America", contractID: "CRD-84512-10025-40022",
            contractName: "Distribution NA", countryCode: "+1"),
        Marketplace(
            id: "MP-91530", name: "Marketplace APAC", contractID: "CRD-91530-10031-40013",
            contractName: "Distribution APAC", countryCode: "+81"),
        Marketplace(
            id: "MP-10452", name: "Marketplace MENA", contractID: "CRD-10452-10047-40054",
            contractName: "Distribution MENA", countryCode: "+971"),
        Marketplace(
            id: "MP-66120", name: "Marketplace LATAM", contractID: "CRD-66120-10058-40065",
            contractName: "Distribution LATAM", countryCode: "+55"),
    ]

    static let customers: [Account] = [
        Account(
            "Müller & Söhne GmbH", "München", "BY", "DE", "Leopoldstraße 12", "80802",
            "Jürgen", "Müller", "mueller-soehne.example", 0),
        Account(
            "Café Crème SARL", "Lyon", "ARA", "FR", "12 rue de la République", "69002",
            "Amélie", "Lefèvre", "cafe-creme.example", 0),
        Account(
            "Łódź Logistyka Sp. z o.o.", "Łódź", "LD", "PL", "ul. Piotrkowska 104", "90-926",
            "Paweł", "Wiśniewski", "lodz-logistyka.example", 0),
        Account(
            "Nørgaard Design ApS", "Århus", "82", "DK", "Åboulevarden 7", "8000",
            "Søren", "Nørgaard", "norgaard.example", 0),
        Account(
            "Peña Hermanos S.L.", "Málaga", "AN", "ES", "Calle Larios 5", "29005",
            "Begoña", "Peña", "pena-hermanos.example", 0),
        Account(
            "Dvořák & Partners s.r.o.", "Plzeň", "PL", "CZ", "Náměstí Republiky 3", "301 00",
            "Jiří", "Dvořák", "dvorak.example", 0),
        Account(
            "Çelik Yazılım A.Ş.", "İzmir", "35", "TR", "Kıbrıs Şehitleri Cd. 44", "35220",
            "Ayşe", "Çelik", "celik-yazilim.example", 0),
        Account(
            "ООО «Ромашка»", "Санкт-Петербург", "SPE", "RU", "Невский проспект, 28", "191186",
            "Анна", "Смирнова", "romashka.example", 0),
        Account(
            "Київ Хмара ТОВ", "Київ", "30", "UA", "вул. Хрещатик, 15", "01001",
            "Олександр", "Коваленко", "kyiv-hmara.example", 0),
        Account(
            "Ελληνική Πληροφορική Α.Ε.", "Αθήνα", "I", "GR", "Οδός Ερμού 21", "105 63",
            "Νίκος", "Παπαδόπουλος", "elliniki-pliroforiki.example", 0),
        Account(
            "Αθηνά Σύμβουλοι Ο.Ε.", "Θεσσαλονίκη", "B", "GR", "Τσιμισκή 45", "546 23",
            "Ελένη", "Γεωργίου", "athina-symvouloi.example", 0),
        Account(
            "Acme Corporation", "Springfield", "IL", "US", "1200 Industrial Way", "62701",
            "Wile", "Coyote", "acme.example", 1),
        Account(
            "Globex Ltd", "Toronto", "ON", "CA", "55 King St W", "M5K 1A1",
            "Hank", "Scorpio", "globex.example", 1),
        Account(
            "Initech LLC", "Austin", "TX", "US", "4120 Freidrich Ln", "78744",
            "Peter", "Gibbons", "initech.example", 1),
        Account(
            "Québec Numérique Inc.", "Montréal", "QC", "CA", "1000 rue Sherbrooke O", "H3A 3G4",
            "Geneviève", "Côté", "quebec-numerique.example", 1),
        Account(
            "Vandelay Industries", "New York", "NY", "US", "129 W 81st St", "10024",
            "Art", "Vandelay", "vandelay.example", 1),
        Account(
            "株式会社サクラ", "東京都", "13", "JP", "千代田区丸の内1-1-1", "100-0005",
            "花子", "山田", "sakura.example", 2),
        Account(
            "山田商事株式会社", "大阪市", "27", "JP", "北区梅田3-1-3", "530-0001",
            "太郎", "山田", "yamada-shoji.example", 2),
        Account(
            "东方云计算有限公司", "上海", "SH", "CN", "浦东新区世纪大道100号", "200120",
            "伟", "王", "dongfang-cloud.example", 2),
        Account(
            "서울 데이터 주식회사", "서울", "11", "KR", "강남구 테헤란로 152", "06236",
            "민준", "김", "seoul-data.example", 2),
        Account(
            "Kiwi Cloud Ltd", "Auckland", "AUK", "NZ", "23 Queen St", "1010",
            "Aroha", "Ngata", "kiwi-cloud.example", 2),
        Account(
            "شركة النخيل للتقنية", "دبي", "DU", "AE", "شارع الشيخ زايد ١٢", "00000",
            "فاطمة", "الزهراء", "alnakheel-tech.example", 3),
        Account(
            "مؤسسة الفجر التجارية", "الرياض", "01", "SA", "طريق الملك فهد ٤٥", "12211",
            "محمد", "العتيبي", "alfajr.example", 3),
        Account(
            "חברת אורות בע\"מ", "תל אביב", "TA", "IL", "רחוב דיזנגוף 50", "6433222",
            "נועה", "כהן", "orot.example", 3),
        Account(
            "טכנולוגיות הגליל", "חיפה", "HA", "IL", "שדרות הנשיא 120", "3463417",
            "אבי", "לוי", "galil-tech.example", 3),
        Account(
            "Ferreira São Paulo Ltda.", "São Paulo", "SP", "BR", "Av. Paulista 1578", "01310-200",
            "João", "Ferreira", "ferreira-sp.example", 4),
        Account(
            "Distribuidora Andina S.A.", "Bogotá", "DC", "CO", "Carrera 7 # 71-21", "110231",
            "María José", "Gómez", "andina.example", 4),
        Account(
            "Peñarol Tecnología", "Montevideo", "MO", "UY", "Av. 18 de Julio 1360", "11200",
            "Martín", "Suárez", "penarol-tec.example", 4),
    ]

    static let resellers: [Account] = [
        Account(
            "Nordic Cloud Reseller AB", "Göteborg", "O", "SE", "Kungsgatan 9", "411 19",
            "Åsa", "Lindqvist", "nordic-cloud.example", 0),
        Account(
            "ТехноПартнер", "Москва", "MOW", "RU", "ул. Тверская, 7", "125009",
            "Дмитрий", "Иванов", "technopartner.example", 0),
        Account(
            "Pacific Rim Solutions", "Seattle", "WA", "US", "400 Pine St", "98101",
            "Grace", "Hopper", "pacific-rim.example", 1),
        Account(
            "Sakura IT パートナーズ", "名古屋市", "23", "JP", "中区栄3-5-1", "460-0008",
            "健", "佐藤", "sakura-partners.example", 2),
        Account(
            "Gulf IT Partners", "الدوحة", "DA", "QA", "West Bay Tower 3", "00000",
            "Omar", "Haddad", "gulf-it.example", 3),
        Account(
            "Soluciones Cóndor", "Santiago", "RM", "CL", "Av. Apoquindo 3000", "7550000",
            "Ignacio", "Muñoz", "condor.example", 4),
    ]

    static let distributors: [Account] = [
        Account(
            "Ingram Sandbox Distribution", "Irvine", "CA", "US", "3351 Michelson Dr", "92612",
            "Dana", "Scully", "distribution.example", 1),
        Account(
            "EuroDistri Κέντρο", "Πάτρα", "G", "GR", "Μαιζώνος 100", "262 21",
            "Γιώργος", "Νικολάου", "eurodistri.example", 0),
    ]

    static let users: [WireUserSpec] = [
        WireUserSpec(id: "UR-630-250-903", name: "John Doe", email: "john.doe@vendor.example"),
        WireUserSpec(id: "UR-841-377-120", name: "Zoë Ångström", email: "zoe.angstrom@vendor.example"),
        WireUserSpec(id: "UR-112-908-554", name: "Сергей Петров", email: "sergei.petrov@vendor.example"),
    ]

    static let backupRegions = ["eu-west-1", "eu-central-1", "us-east-1", "ap-northeast-1", "me-south-1"]

    /// Hostile customer names: terminal escapes, control characters, bidi overrides and one 5,000-character name.
    static let hostileCompanies: [String] = [
        "\u{1b}]0;pwned\u{07}Evil Title Corp",
        "Clear\u{1b}[2J\u{1b}[H Screen Ltd",
        "Ctrl\u{00}\u{01}\u{08}\u{0b}\u{7f} C1\u{85}\u{9b}31m Chars GmbH",
        "Bidi \u{202E}gnp.exe\u{202C} Trading \u{2066}isolate\u{2069}",
        String(String(repeating: "Very Long Company Name Ω ", count: 220).prefix(5000)),
    ]

    /// Hostile parameter values (ordering phase), paired with the hostile companies above.
    static let hostileValues: [String] = [
        "\u{1b}[31mred\u{1b}[0m \u{1b}]8;;http://evil.example\u{07}link\u{1b}]8;;\u{07}",
        "\u{1b}[2J\u{1b}[3J\u{1b}c",
        "tab\there\rcarriage\u{0c}feed\u{1b}P+q\u{1b}\\",
        "\u{202E}txt.exe\u{202C}",
        String(repeating: "x", count: 5000),
    ]
}

/// A Connect user that requests can be assigned to.
struct WireUserSpec: Sendable {
    let id: String
    let name: String
    let email: String
}
