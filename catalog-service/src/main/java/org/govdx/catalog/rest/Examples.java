package org.govdx.catalog.rest;

/** Example bodies for the OpenAPI document. */
final class Examples {

    private Examples() {
    }

    static final String PROBLEM = "application/problem+json";

    static final String DATA_ELEMENT = """
            {"code":"DE0001","nameZh":"公民身份号码","nameEn":"Resident identity number",
             "definition":"符合GB 11643的18位公民身份号码。18-character citizen identity number per GB 11643.",
             "type":"STRING","validator":"RESIDENT_ID","pattern":null,"enumValues":null,
             "collectionFrequency":"ON_CHANGE","sourceDepartment":"public-security","version":0}""";

    static final String DATA_ELEMENTS = "[" + DATA_ELEMENT + "]";

    static final String VALIDATE_REQUEST = """
            {"value":"11010519491231002X"}""";

    static final String VALIDATION_INVALID = """
            {"dataElement":"DE0001","valid":false,"reason":"CHECK_CHARACTER_MISMATCH","message":"the check character does not match"}""";

    static final String PUBLISHERS = """
            [{"datasetId":"0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","code":"MCA-RESIDENTS","ownerDepartment":"civil-affairs",
              "titleZh":"居民户籍登记信息","titleEn":"Resident household register","classification":"RESTRICTED","version":1,
              "fields":["resident_id"],"designatedSource":false}]""";

    static final String DATASET_INPUT = """
            {"code":"MCA-RESIDENTS","ownerDepartment":"civil-affairs","titleZh":"居民户籍登记信息","titleEn":"Resident household register",
             "description":"苏州市户籍居民的登记信息。Household register of Suzhou's registered residents.",
             "keywords":["户籍","居民","household register"],"category":"population","updateFrequency":"DAILY",
             "legalBasis":"《中华人民共和国个人信息保护法》第十三条；《政务数据共享条例》关于有条件共享政务数据的规定。",
             "classification":"RESTRICTED","distribution":"HOSTED",
             "fields":[{"name":"resident_id","titleZh":"公民身份号码","titleEn":"Resident identity number","type":"STRING","dataElement":"DE0001",
                        "fieldClass":"RESTRICTED","defaultMasking":"resident-id","key":true,"required":true},
                       {"name":"sex","titleZh":"性别","titleEn":"Sex","type":"ENUM","dataElement":"DE0003","fieldClass":"OPEN",
                        "defaultMasking":"none","key":false,"required":true}]}""";

    static final String FIELDS = """
            [{"name":"resident_id","titleZh":"公民身份号码","titleEn":"Resident identity number","type":"STRING","dataElement":"DE0001",
              "fieldClass":"RESTRICTED","defaultMasking":"resident_id","key":true,"required":true},
             {"name":"sex","titleZh":"性别","titleEn":"Sex","type":"ENUM","dataElement":"DE0003","fieldClass":"OPEN",
              "defaultMasking":"none","key":false,"required":true}]""";

    static final String DATASET = """
            {"id":"0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","code":"MCA-RESIDENTS","ownerDepartment":"civil-affairs",
             "titleZh":"居民户籍登记信息","titleEn":"Resident household register","description":"苏州市户籍居民的登记信息。",
             "keywords":["户籍","居民","household register"],"classification":"RESTRICTED","status":"PUBLISHED","currentVersion":2,"version":2,
             "latestVersion":null,"latestStatus":null,"legalBasis":"《政务数据共享条例》关于有条件共享政务数据的规定。","category":"population",
             "updateFrequency":"DAILY","sharingConditions":null,"openAttribute":"NOT_OPEN","distribution":{"mode":"HOSTED","endpoint":null},
             "schemaHash":"5b1e0c8f0b7d1a3c2e4f6a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d","fields":""" + FIELDS + """
             ,"quality":{"version":2,"completeness":0.965,"validity":0.99,"uniqueness":1.0,"rowCount":1500,"measuredAt":"2026-11-20T08:00:00Z",
              "lastUploadAt":"2026-11-20T07:55:00Z","timeliness":1.0,"stale":false,"corrections":{"open":1,"overdue":0,"accepted":3,"rejected":1}},
             "overlap":{"checkedAt":"2026-11-18T09:00:00Z","candidates":[{"datasetId":"7d1c0b6f-4a43-4a47-9d1c-0c6d1e217f1f","code":"HRSS-SOCIAL-INSURANCE-PAYMENTS",
              "ownerDepartment":"hrss","titleZh":"职工社会保险缴费明细","titleEn":"Employee social insurance contributions","classification":"RESTRICTED",
              "version":1,"score":0.5,"sharedDataElements":["DE0001"],"similarFields":[{"field":"resident_id","existingField":"resident_id",
              "existingTitleZh":"参保人公民身份号码","similarity":1.0,"dataElement":"DE0001"}]}]},
             "pendingVersion":null,"retirement":null,
             "resourceCatalogue":{"resourceCode":"population/MCA-RESIDENTS","resourceName":"居民户籍登记信息","resourceNameEn":"Resident household register",
              "provider":"民政局","providerCode":"civil-affairs","summary":"苏州市户籍居民的登记信息。","resourceFormat":"数据库（平台托管，经共享接口提供 JSON/CSV）",
              "items":[{"name":"resident_id","titleZh":"公民身份号码","type":"STRING","sharingType":"有条件共享"}],
              "sharingAttribute":{"type":"有条件共享","classification":"RESTRICTED","conditions":"经提供方审核同意并签订共享协议后，按协议约定的字段、方式、范围和期限使用",
               "legalBasis":"《政务数据共享条例》关于有条件共享政务数据的规定。","method":"平台托管，经共享接口提供"},
              "openAttribute":{"type":"不予开放","code":"NOT_OPEN"},"updateCycle":"每日","publishedAt":"2026-11-18T10:00:00Z"},
             "publishedAt":"2026-11-18T10:00:00Z","createdAt":"2026-11-01T08:00:00Z","updatedAt":"2026-11-18T10:00:00Z"}""";

    static final String VERSION = """
            {"datasetId":"0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","code":"MCA-RESIDENTS","version":2,"status":"PUBLISHED","ownerDepartment":"civil-affairs",
             "titleZh":"居民户籍登记信息","titleEn":"Resident household register","description":"苏州市户籍居民的登记信息。","keywords":["户籍"],
             "category":"population","updateFrequency":"DAILY","classification":"RESTRICTED","legalBasis":"《政务数据共享条例》",
             "sharingConditions":null,"openAttribute":"NOT_OPEN","schemaHash":"5b1e0c8f0b7d1a3c2e4f6a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d",
             "fields":""" + FIELDS + """
             ,"distribution":{"mode":"HOSTED","endpoint":null},"createdBy":"civil-affairs-steward","createdAt":"2026-11-01T08:00:00Z",
             "submittedBy":"civil-affairs-steward","submittedAt":"2026-11-17T08:00:00Z","publishedBy":"civil-affairs-cdo",
             "publishedAt":"2026-11-18T10:00:00Z","effectiveAt":"2026-11-18T10:00:00Z","supersededAt":null,"retiredAt":null,
             "rejection":null,"overlap":{"checkedAt":"2026-11-17T08:00:00Z","candidates":[]},
             "changes":{"fromVersion":1,"addedFields":["sex"],"droppedFields":[],"reclassedFields":[],"retypedFields":[],
              "classificationFrom":"RESTRICTED","classificationTo":"RESTRICTED","breaking":false}}""";

    static final String VERSIONS = "[" + VERSION + "]";

    static final String SEARCH_PAGE = """
            {"items":[{"id":"0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","code":"MCA-RESIDENTS","ownerDepartment":"civil-affairs",
               "titleZh":"居民户籍登记信息","titleEn":"Resident household register","summary":"苏州市户籍居民的登记信息。",
               "keywords":["户籍","居民"],"classification":"RESTRICTED","category":"population","updateFrequency":"DAILY","status":"PUBLISHED",
               "version":1,"updatedAt":"2026-11-18T10:00:00Z","score":6.42,
               "quality":{"version":1,"completeness":0.965,"validity":0.99,"uniqueness":1.0,"rowCount":1500,"measuredAt":"2026-11-20T08:00:00Z",
                "lastUploadAt":null,"timeliness":1.0,"stale":false,"corrections":{"open":0,"overdue":0,"accepted":0,"rejected":0}}}],
             "facets":{"department":[{"value":"civil-affairs","count":1}],"classification":[{"value":"RESTRICTED","count":1}],
               "category":[{"value":"population","count":1}],"updateFrequency":[{"value":"DAILY","count":1}]},
             "total":1,"nextCursor":null}""";

    static final String QUALITY_INPUT = """
            {"completeness":0.965,"validity":0.99,"uniqueness":1.0,"rowCount":1500,"measuredAt":"2026-11-20T08:00:00Z","lastUploadAt":"2026-11-20T07:55:00Z"}""";

    static final String QUALITY = """
            {"version":1,"completeness":0.965,"validity":0.99,"uniqueness":1.0,"rowCount":1500,"measuredAt":"2026-11-20T08:00:00Z",
             "lastUploadAt":"2026-11-20T07:55:00Z","timeliness":1.0,"stale":false,"corrections":{"open":1,"overdue":0,"accepted":3,"rejected":1}}""";

    static final String QUALITY_HISTORY = """
            [{"version":1,"completeness":0.965,"validity":0.99,"uniqueness":1.0,"rowCount":1500,"measuredAt":"2026-11-20T08:00:00Z",
              "lastUploadAt":"2026-11-20T07:55:00Z","recordedAt":"2026-11-20T08:00:01Z","recordedBy":"govdx-internal"}]""";

    static final String CORRECTION_INPUT = """
            {"recordKey":{"resident_id":"320505199001011233"},"field":"mobile","proposedValue":"13812345678",
             "evidence":"本人于2026-11-02到窗口办理业务时出示的手机号码"}""";

    static final String CORRECTION = """
            {"id":"3c8d1e21-0b6f-4a43-9d1c-7f1f0c6d4a47","datasetId":"0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","datasetCode":"MCA-RESIDENTS",
             "datasetVersion":1,"ownerDepartment":"civil-affairs","reporterDepartment":"hrss","recordKey":{"resident_id":"320505199001011233"},
             "field":"mobile","proposedValue":"13812345678","evidence":"本人于2026-11-02到窗口办理业务时出示的手机号码","status":"OPEN",
             "reportedBy":"hrss-steward","reportedAt":"2026-11-23T02:00:00Z","dueDate":"2026-11-30","overdue":false,"answer":null,"lockVersion":0}""";

    static final String CORRECTIONS = "[" + CORRECTION + "]";

    static final String CORRECTION_ANSWER = """
            {"outcome":"REJECTED","reason":"经核对原始登记材料，登记值无误"}""";

    static final String NOTICE = """
            {"id":"9d1c7f1f-0c6d-4a43-4a47-0b6f3a521e21","datasetId":"0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","datasetCode":"MCA-RESIDENTS",
             "ownerDepartment":"civil-affairs","kind":"RETIREMENT","fromVersion":2,"toVersion":null,"effectiveAt":"2026-11-30T10:00:00Z",
             "emergency":false,"reason":"数据由新的人口基础库替代","changes":null,"issuedBy":"civil-affairs-cdo","issuedAt":"2026-11-23T10:00:00Z",
             "recipients":[{"department":"hrss","agreementId":"a1b2c3","datasetVersion":2}]}""";

    static final String NOTICES = "[" + NOTICE + "]";

    static final String DCAT = """
            {"@context":{"dcat":"http://www.w3.org/ns/dcat#","dct":"http://purl.org/dc/terms/","foaf":"http://xmlns.com/foaf/0.1/"},
             "@id":"http://localhost:8480/api/catalog/dcat","@type":"dcat:Catalog",
             "dct:title":[{"@value":"govdx 政务数据共享目录","@language":"zh"},{"@value":"govdx government data sharing catalog","@language":"en"}],
             "dcat:dataset":[{"@id":"http://localhost:8480/api/catalog/datasets/0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21","@type":"dcat:Dataset",
               "dct:identifier":"MCA-RESIDENTS","dct:title":[{"@value":"居民户籍登记信息","@language":"zh"},{"@value":"Resident household register","@language":"en"}],
               "dct:publisher":{"@type":"foaf:Organization","dct:identifier":"civil-affairs","foaf:name":[{"@value":"民政局","@language":"zh"}]},
               "dcat:keyword":[{"@value":"户籍","@language":"zh"}],
               "dct:accrualPeriodicity":{"@id":"http://publications.europa.eu/resource/authority/frequency/DAILY"},
               "dct:accessRights":{"@id":"http://publications.europa.eu/resource/authority/access-right/RESTRICTED"},
               "dcat:distribution":[{"@type":"dcat:Distribution","dcat:accessURL":{"@id":"http://localhost:8480/api/catalog/datasets/0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21"}}]}],
             "hydra:view":{"@id":"http://localhost:8480/api/catalog/dcat","@type":"hydra:PartialCollectionView"}}""";

    static final String PROBLEM_400 = """
            {"type":"https://govdx.org/problems/invalid-input","title":"Invalid input","status":400,"detail":"The dataset has invalid values",
             "instance":"/api/catalog/datasets","errors":[{"field":"fields[1].name","message":"duplicate field name sex"}],"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String PROBLEM_403 = """
            {"type":"https://govdx.org/problems/two-person-rule","title":"Two-person rule","status":403,
             "detail":"You submitted version 1; another CDO of civil-affairs must publish it","instance":"/api/catalog/datasets/0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21/publish"}""";

    static final String PROBLEM_404 = """
            {"type":"https://govdx.org/problems/not-found","title":"Not found","status":404,"detail":"No dataset 0b6f3a52-4a43-4a47-9d1c-7f1f0c6d1e21"}""";

    static final String PROBLEM_409 = """
            {"type":"https://govdx.org/problems/not-submitted","title":"Nothing to publish","status":409,
             "detail":"Version 1 is DRAFT; a version is submitted before it is published"}""";

    static final String PROBLEM_412 = """
            {"type":"https://govdx.org/problems/precondition-failed","title":"Precondition failed","status":412,
             "detail":"Dataset MCA-RESIDENTS changed since you read it (ETag \\"3\\")"}""";

    static final String PROBLEM_422 = """
            {"type":"https://govdx.org/problems/open-dataset-restricted-field","title":"OPEN dataset with a restricted field","status":422,
             "detail":"1 sharing rule(s) violated: an OPEN dataset may contain only OPEN fields; this field is RESTRICTED",
             "errors":[{"field":"fields[0].fieldClass","message":"an OPEN dataset may contain only OPEN fields; this field is RESTRICTED"}]}""";

    static final String PROBLEM_503 = """
            {"type":"https://govdx.org/problems/exchange-unavailable","title":"Exchange service unavailable","status":503,
             "detail":"The exchange service could not tell the list of consumer departments; nothing was changed. Try again later."}""";
}
