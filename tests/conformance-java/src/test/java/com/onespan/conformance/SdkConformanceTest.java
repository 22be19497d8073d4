package com.onespan.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.silanis.esl.sdk.Audit;
import com.silanis.esl.sdk.AuthenticationClient;
import com.silanis.esl.sdk.AuthenticationMethod;
import com.silanis.esl.sdk.Document;
import com.silanis.esl.sdk.DocumentId;
import com.silanis.esl.sdk.DocumentPackage;
import com.silanis.esl.sdk.DocumentType;
import com.silanis.esl.sdk.EslClient;
import com.silanis.esl.sdk.EslException;
import com.silanis.esl.sdk.EventNotificationConfig;
import com.silanis.esl.sdk.NotificationEvent;
import com.silanis.esl.sdk.Page;
import com.silanis.esl.sdk.PageRequest;
import com.silanis.esl.sdk.PackageId;
import com.silanis.esl.sdk.Placeholder;
import com.silanis.esl.sdk.PackageStatus;
import com.silanis.esl.sdk.SignatureImageFormat;
import com.silanis.esl.sdk.Signer;
import com.silanis.esl.sdk.SignerId;
import com.silanis.esl.sdk.SigningStatus;
import com.silanis.esl.sdk.builder.DocumentBuilder;
import com.silanis.esl.sdk.builder.EventNotificationConfigBuilder;
import com.silanis.esl.sdk.builder.PackageBuilder;
import com.silanis.esl.sdk.builder.SignatureBuilder;
import com.silanis.esl.sdk.builder.SignerBuilder;
import com.silanis.esl.sdk.service.PackageService;
import com.silanis.esl.api.model.Role;
import com.silanis.esl.sdk.internal.EslServerException;
import com.silanis.esl.sdk.io.DownloadedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drives a running emulator with OneSpan's official Java SDK (com.silanis.esl:sdk) and asserts
 * what the SDK gets back at each step. Steps are ordered and share one package; a step whose
 * prerequisite is missing (no package was created) is skipped rather than failed, so every
 * failure names the operation that broke.
 *
 * <p>Configuration: ONESPAN_BASE_URL (the emulator's base URL, without /api) and ONESPAN_API_KEY,
 * as system properties onespan.baseUrl / onespan.apiKey or environment variables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkConformanceTest {

    static final String EMAIL1 = "ann.lee@example.com";
    static final String EMAIL2 = "bob.ray@example.com";
    static final String EMAIL3 = "cid.moe@example.com";
    static final String SIGNER1 = "signer1";
    static final String SIGNER2 = "signer2";
    static final String PHONE2 = "+15145550199";
    static final String DOC_NAME = "Lease";
    static final String DOC_ID = "doc1";
    static final String CALLBACK_URL = "http://127.0.0.1:9/onespan-callback";
    static final String CALLBACK_KEY = "conformance-callback-key";

    String baseUrl;
    String apiKey;
    EslClient client;
    PackageId packageId;     // created in one step (multipart), the package most steps use
    PackageId twoStepId;     // created by EslClient.createPackage (JSON, then document upload)
    String addedRoleId;
    int signerCount = 2;     // as read back in step 03

    @BeforeAll
    void connect() {
        baseUrl = setting("onespan.baseUrl", "ONESPAN_BASE_URL");
        apiKey = setting("onespan.apiKey", "ONESPAN_API_KEY");
        assertNotNull(baseUrl, "set ONESPAN_BASE_URL (or -Donespan.baseUrl) to the emulator's base URL");
        assertNotNull(apiKey, "set ONESPAN_API_KEY (or -Donespan.apiKey)");
        baseUrl = baseUrl.replaceAll("/+$", "");
        // The SDK takes the API URL, ending in /api, and derives the web URL by removing it.
        client = new EslClient(apiKey, baseUrl + "/api");
    }

    static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isEmpty()) v = System.getenv(env);
        return (v == null || v.isEmpty()) ? null : v;
    }

    // ---- packages --------------------------------------------------------------------------

    static DocumentPackage newPackage(String name) {
        return PackageBuilder.newPackageNamed(name)
                .describedAs("Fidelity run of the official Java SDK")
                .withEmailMessage("Please sign")
                .withSigner(SignerBuilder.newSignerWithEmail(EMAIL1)
                        .withFirstName("Ann").withLastName("Lee").withCustomId(SIGNER1)
                        .withCompany("Acme").withTitle("Tenant"))
                .withSigner(SignerBuilder.newSignerWithEmail(EMAIL2)
                        .withFirstName("Bob").withLastName("Ray").withCustomId(SIGNER2)
                        // SMS authentication: the SDK sends the phone as auth.challenges[0].question
                        .withSmsSentTo(PHONE2))
                .withDocument(DocumentBuilder.newDocumentWithName(DOC_NAME)
                        .withId(DOC_ID)
                        .fromStream(new ByteArrayInputStream(minimalPdf()), DocumentType.PDF)
                        .withSignature(SignatureBuilder.signatureFor(EMAIL1).onPage(0).atPosition(100, 100))
                        .withSignature(SignatureBuilder.signatureFor(EMAIL2).onPage(0).atPosition(100, 300)))
                .build();
    }

    @Test
    @Order(10)
    @DisplayName("01 create package in one step (EslClient.createPackageOneStep: multipart POST /packages)")
    void createPackageOneStep() {
        packageId = client.createPackageOneStep(newPackage("Fidelity one-step"));
        assertNotNull(packageId);
        assertFalse(packageId.getId().isBlank(), "package id");
    }

    @Test
    @Order(20)
    @DisplayName("02 create package then upload its document (EslClient.createPackage: POST /packages, POST /packages/{id}/documents)")
    void createPackageThenUploadDocument() {
        twoStepId = client.createPackage(newPackage("Fidelity two-step"));
        assertNotNull(twoStepId);
        DocumentPackage got = getPackageExplained(twoStepId);
        // By name, not by count: the real service adds its "default-consent" document.
        Document doc = got.getDocument(DOC_NAME);
        assertNotNull(doc, "document " + DOC_NAME + " after upload");
        assertEquals(2, doc.getSignatures().size(), "signatures on the uploaded document");
    }

    @Test
    @Order(30)
    @DisplayName("03 get package (GET /packages/{id})")
    void getPackage() {
        needPackage();
        DocumentPackage got = getPackageExplained(packageId);
        assertEquals(packageId, got.getId());
        assertEquals("Fidelity one-step", got.getName());
        assertEquals("Fidelity run of the official Java SDK", got.getDescription());
        assertEquals(PackageStatus.DRAFT, got.getStatus());
        // Signers are found by email, not counted: the real service adds the sender's own role
        // (type SENDER), which the SDK lists as a signer too.
        signerCount = got.getSigners().size();
        Signer ann = got.getSigner(EMAIL1);
        assertNotNull(ann, "signer " + EMAIL1);
        assertEquals(SIGNER1, ann.getId());
        assertEquals("Ann", ann.getFirstName());
        assertEquals("Lee", ann.getLastName());
        assertEquals("Acme", ann.getCompany());
        assertEquals("Tenant", ann.getTitle());
        assertFalse(ann.isLocked());
        Signer bob = got.getSigner(EMAIL2);
        assertNotNull(bob, "signer " + EMAIL2);
        assertEquals(SIGNER2, bob.getId());
        assertEquals(AuthenticationMethod.SMS, bob.getAuthenticationMethod());
        assertEquals(PHONE2, bob.getPhoneNumber());
        // No signing order is asserted here: the SDK sends "index": 0 for every role unless
        // SignerBuilder.signingOrder(n) is called (step 08 sets and checks orders).
        Document doc = got.getDocument(DOC_NAME);
        assertNotNull(doc, "document " + DOC_NAME);
        assertEquals(DOC_ID, doc.getId().getId());
        assertEquals(2, doc.getSignatures().size(), "signatures on the document");
        Set<String> signed = new HashSet<>();
        doc.getSignatures().forEach(s -> signed.add(s.getSignerEmail()));
        assertEquals(Set.of(EMAIL1, EMAIL2), signed, "signature owners");
    }

    @Test
    @Order(40)
    @DisplayName("04 signing status of a draft (GET /packages/{id}/signingStatus?signer=&document=)")
    void signingStatusDraft() {
        needPackage();
        assertEquals(SigningStatus.INACTIVE, client.getSigningStatus(packageId, null, null));
    }

    // ---- signers / roles (on the draft) -------------------------------------------------------

    @Test
    @Order(50)
    @DisplayName("05 add signer (PackageService.addSigner: POST /packages/{id}/roles) and read it back (getSigner)")
    void addSigner() {
        needPackage();
        Signer cid = SignerBuilder.newSignerWithEmail(EMAIL3).withFirstName("Cid").withLastName("Moe").build();
        addedRoleId = client.getPackageService().addSigner(packageId, cid);
        assertNotNull(addedRoleId, "role id answered");
        assertFalse(addedRoleId.isBlank(), "role id answered");
        Signer got = client.getPackageService().getSigner(packageId, addedRoleId);
        assertEquals(EMAIL3, got.getEmail());
        assertEquals("Cid", got.getFirstName());
        assertEquals("Moe", got.getLastName());
        assertEquals(signerCount + 1, getPackageExplained(packageId).getSigners().size(), "signers after add");
    }

    @Test
    @Order(60)
    @DisplayName("06 update signer (PackageService.updateSigner: PUT /packages/{id}/roles/{roleId})")
    void updateSigner() {
        needPackage();
        assumeTrue(addedRoleId != null, "no signer was added");
        Signer changed = SignerBuilder.newSignerWithEmail(EMAIL3)
                .withFirstName("Cidney").withLastName("Moe").withCustomId(addedRoleId).build();
        client.getPackageService().updateSigner(packageId, changed);
        Signer got = client.getPackageService().getSigner(packageId, addedRoleId);
        assertEquals("Cidney", got.getFirstName());
        assertEquals(EMAIL3, got.getEmail());
    }

    @Test
    @Order(70)
    @DisplayName("07 remove signer (PackageService.removeSigner: DELETE /packages/{id}/roles/{roleId})")
    void removeSigner() {
        needPackage();
        assumeTrue(addedRoleId != null, "no signer was added");
        client.getPackageService().removeSigner(packageId, addedRoleId);
        DocumentPackage got = getPackageExplained(packageId);
        assertEquals(signerCount, got.getSigners().size(), "signers after remove");
        assertNull(got.getSigner(EMAIL3));
    }

    @Test
    @Order(80)
    @DisplayName("08 reorder signers (PackageService.orderSigners: PUT /packages/{id}/roles with the role array)")
    void orderSigners() {
        needPackage();
        DocumentPackage pkg = getPackageExplained(packageId);
        pkg.getSigner(EMAIL1).setSigningOrder(2);
        pkg.getSigner(EMAIL2).setSigningOrder(1);
        client.getPackageService().orderSigners(pkg);
        DocumentPackage got = getPackageExplained(packageId);
        assertEquals(2, got.getSigner(EMAIL1).getSigningOrder(), "Ann's order");
        assertEquals(1, got.getSigner(EMAIL2).getSigningOrder(), "Bob's order");
    }

    @Test
    @Order(75)
    @DisplayName("07b roles with the API model (PackageService.getRoles/addRole/updateRole/deleteRole: GET, POST, PUT, DELETE /packages/{id}/roles[/{roleId}])")
    void rolesApiModel() {
        needPackage();
        PackageService packages = client.getPackageService();
        List<Role> roles = packages.getRoles(packageId);
        Set<String> ids = new HashSet<>();
        roles.forEach(r -> ids.add(r.getId()));
        assertTrue(ids.containsAll(Set.of(SIGNER1, SIGNER2)), "role ids " + ids);

        Role role = new Role().setId("role3").setName("Witness").setIndex(3)
                .addSigner(new com.silanis.esl.api.model.Signer()
                        .setEmail(EMAIL3).setFirstName("Cid").setLastName("Moe"));
        Role added = packages.addRole(packageId, role);
        assertEquals("role3", added.getId());
        assertEquals(EMAIL3, added.getSigners().get(0).getEmail());
        assertFalse(added.getSigners().get(0).getId().isEmpty(), "the service gives the signer an id");

        Role changed = new Role().setId("role3").setName("Second witness");
        Role updated = packages.updateRole(packageId, changed);
        assertEquals("Second witness", updated.getName());

        packages.deleteRole(packageId, updated);
        Set<String> after = new HashSet<>();
        packages.getRoles(packageId).forEach(r -> after.add(r.getId()));
        assertFalse(after.contains("role3"), "role deleted: " + after);
    }

    // ---- send and signing status --------------------------------------------------------------

    @Test
    @Order(90)
    @DisplayName("09 send (PackageService.sendPackage: POST /packages/{id} {\"status\":\"SENT\"})")
    void sendPackage() {
        needPackage();
        client.sendPackage(packageId);
        assertEquals(PackageStatus.SENT, getPackageExplained(packageId).getStatus());
    }

    @Test
    @Order(100)
    @DisplayName("10 signing status: package, signer and document grain")
    void signingStatusSent() {
        needPackage();
        assertEquals(SigningStatus.SIGNING_PENDING, client.getSigningStatus(packageId, null, null), "package");
        assertEquals(SigningStatus.SIGNING_PENDING,
                client.getSigningStatus(packageId, new SignerId(SIGNER1), null), "signer by id");
        assertEquals(SigningStatus.SIGNING_PENDING,
                client.getSigningStatus(packageId, new SignerId(EMAIL2), null), "signer by email");
        assertEquals(SigningStatus.SIGNING_PENDING,
                client.getSigningStatus(packageId, null, new DocumentId(DOC_ID)), "document");
        assertEquals(SigningStatus.SIGNING_PENDING,
                client.getSigningStatus(packageId, new SignerId(SIGNER1), new DocumentId(DOC_ID)), "signer and document");
    }

    // ---- signer authentication tokens and signing URLs ------------------------------------------

    String multiUseToken;

    @Test
    @Order(110)
    @DisplayName("11 multi-use signer token (POST /authenticationTokens/signer/multiUse)")
    void multiUseToken() {
        needPackage();
        multiUseToken = client.getAuthenticationTokensService()
                .createSignerAuthenticationToken(packageId.getId(), SIGNER1);
        assertNotNull(multiUseToken);
        assertFalse(multiUseToken.isBlank(), "token value");
    }

    @Test
    @Order(120)
    @DisplayName("12 single-use signer token (POST /authenticationTokens/signer/singleUse) and the SDK's signing URL")
    void singleUseToken() {
        needPackage();
        String token = client.getAuthenticationTokensService()
                .createSignerAuthenticationTokenForSingleUse(packageId.getId(), SIGNER2, null);
        assertNotNull(token);
        assertFalse(token.isBlank(), "token value");
        if (multiUseToken != null) assertNotEquals(multiUseToken, token, "each token is new");
        // Built locally by the SDK, no request: {web}/auth?signerAuthenticationToken=T&target={web}/packages/{id}/sign
        String url = new AuthenticationClient(baseUrl).buildRedirectToSigningForSigner(token, packageId.getId());
        assertTrue(url.startsWith(baseUrl + "/auth?signerAuthenticationToken=" + token + "&target="), url);
    }

    @Test
    @Order(125)
    @DisplayName("12b signer session from a single-use token (AuthenticationClient: GET {web}/auth?signerAuthenticationToken=T, Accept: application/json)")
    void sessionFromSingleUseToken() {
        needPackage();
        String token = client.getAuthenticationTokensService()
                .createSignerAuthenticationTokenForSingleUse(packageId.getId(), SIGNER1, null);
        AuthenticationClient auth = new AuthenticationClient(baseUrl);
        // The SDK reads the answer as exactly {"sessionToken": "..."} (a strict Jackson class).
        String session = auth.getSessionIdForSignerAuthenticationToken(token);
        assertNotNull(session, "session id");
        assertFalse(session.isBlank(), "session id");
        assertThrows(EslException.class, () -> auth.getSessionIdForSignerAuthenticationToken(token),
                "a single-use token opens one session only");
    }

    @Test
    @Order(130)
    @DisplayName("13 role signing URL (PackageService.getSigningUrl: GET /packages/{id}, GET /packages/{id}/roles/{roleId}/signingUrl)")
    void signingUrl() {
        needPackage();
        String url = client.getPackageService().getSigningUrl(packageId, SIGNER1);
        assertNotNull(url);
        assertFalse(url.isBlank(), "signing url");
        assertTrue(url.startsWith("http"), url);
    }

    // ---- notifications and signer maintenance ---------------------------------------------------

    @Test
    @Order(140)
    @DisplayName("14 notify signer by email (PackageService.notifySigner: POST /packages/{id}/notifications)")
    void notifySigner() {
        needPackage();
        client.getPackageService().notifySigner(packageId, EMAIL1, "A reminder to sign");
    }

    @Test
    @Order(150)
    @DisplayName("15 send SMS to signer (PackageService.sendSmsToSigner: POST /packages/{id}/roles/{roleId}/sms_notification)")
    void sendSms() {
        needPackage();
        // Bob authenticates by SMS; the SDK puts the signer's (= role's) id in the path.
        Signer bob = getPackageExplained(packageId).getSigner(EMAIL2);
        client.getPackageService().sendSmsToSigner(packageId, bob);
    }

    @Test
    @Order(160)
    @DisplayName("16 unlock signer (PackageService.unlockSigner: POST /packages/{id}/roles/{roleId}/unlock)")
    void unlockSigner() throws Exception {
        needPackage();
        // The service locks a signer after failed authentications; the emulator's control does it here.
        emulatorControl("/packages/" + packageId.getId() + "/roles/" + SIGNER1 + "/lock");
        assertTrue(getPackageExplained(packageId).getSigner(EMAIL1).isLocked(), "locked (role \"locked\": true)");
        client.getPackageService().unlockSigner(packageId, SIGNER1);
        assertFalse(getPackageExplained(packageId).getSigner(EMAIL1).isLocked(), "unlocked");
    }

    @Test
    @Order(170)
    @DisplayName("17 signature image (SignatureImageService: GET /packages/{id}/roles/{roleId}/signatureImage, Accept: image/png)")
    void signatureImage() throws Exception {
        needPackage();
        // The image exists once the signer has signed. After step 08 Bob (signer2) signs first;
        // the emulator's control makes him sign everything and confirm.
        emulatorControl("/packages/" + packageId.getId() + "/roles/" + SIGNER2 + "/complete");
        assertEquals(SigningStatus.SIGNING_COMPLETE,
                client.getSigningStatus(packageId, new SignerId(SIGNER2), null), "signer2 after signing");
        assertEquals(SigningStatus.SIGNING_PENDING,
                client.getSigningStatus(packageId, null, null), "package while signer1 has not signed");
        DownloadedFile image = client.getSignatureImageService()
                .getSignatureImageForPackageRole(packageId, SIGNER2, SignatureImageFormat.PNG);
        assertNotNull(image);
        byte[] bytes = image.getContents();
        assertNotNull(bytes);
        assertTrue(bytes.length > 8, "image bytes");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] head = new byte[8];
        System.arraycopy(bytes, 0, head, 0, 8);
        assertArrayEquals(png, head, "PNG signature");
    }

    // ---- callbacks ---------------------------------------------------------------------------------

    @Test
    @Order(180)
    @DisplayName("18 register callback (EventNotificationService.register: POST /callback)")
    void registerCallback() {
        client.getEventNotificationService().register(
                EventNotificationConfigBuilder.newEventNotificationConfig(CALLBACK_URL)
                        .withKey(CALLBACK_KEY)
                        .forEvent(NotificationEvent.PACKAGE_COMPLETE)
                        .forEvent(NotificationEvent.PACKAGE_READY_FOR_COMPLETION)
                        .forEvent(NotificationEvent.SIGNER_COMPLETE));
    }

    @Test
    @Order(190)
    @DisplayName("19 read callback configuration (EventNotificationService.getEventNotificationConfig: GET /callback)")
    void readCallback() {
        EventNotificationConfig config = client.getEventNotificationService().getEventNotificationConfig();
        assertEquals(CALLBACK_URL, config.getUrl());
        assertEquals(CALLBACK_KEY, config.getKey());
        Set<NotificationEvent> events = new HashSet<>(config.getEvents());
        assertEquals(Set.of(NotificationEvent.PACKAGE_COMPLETE,
                NotificationEvent.PACKAGE_READY_FOR_COMPLETION,
                NotificationEvent.SIGNER_COMPLETE), events);
    }

    // ---- back to draft, delete ---------------------------------------------------------------------

    @Test
    @Order(200)
    @DisplayName("20 back to draft (PackageService.changePackageStatusToDraft: PUT /packages/{id} {\"status\":\"DRAFT\"})")
    void backToDraft() {
        needPackage();
        client.changePackageStatusToDraft(packageId);
        assertEquals(PackageStatus.DRAFT, getPackageExplained(packageId).getStatus());
    }

    @Test
    @Order(210)
    @DisplayName("21 delete packages (DELETE /packages/{id}); a deleted package is a 404 to the SDK")
    void deletePackages() {
        needPackage();
        List<PackageId> ids = new ArrayList<>();
        ids.add(packageId);
        if (twoStepId != null) ids.add(twoStepId);
        for (PackageId id : ids) {
            client.getPackageService().deletePackage(id);
            EslException e = assertThrows(EslException.class, () -> client.getPackage(id));
            assertTrue(e instanceof EslServerException, "a server error, not " + e);
            assertEquals(404, ((EslServerException) e).getServerError().getCode(), e.getMessage());
        }
    }

    // ---- documents, downloads, completion, listing, templates (issue 12) --------------------

    PackageId reviewId;      // autocomplete off: signed, then marked complete by the sender
    Date beforeReview;

    static DocumentPackage reviewPackage(String name) {
        return PackageBuilder.newPackageNamed(name)
                .autocomplete(false)
                .withSigner(SignerBuilder.newSignerWithEmail(EMAIL1)
                        .withFirstName("Ann").withLastName("Lee").withCustomId(SIGNER1))
                .withSigner(SignerBuilder.newSignerWithEmail(EMAIL2)
                        .withFirstName("Bob").withLastName("Ray").withCustomId(SIGNER2))
                .withDocument(DocumentBuilder.newDocumentWithName(DOC_NAME)
                        .withId(DOC_ID)
                        .fromStream(new ByteArrayInputStream(minimalPdf()), DocumentType.PDF)
                        .withSignature(SignatureBuilder.signatureFor(EMAIL1).onPage(0).atPosition(100, 100))
                        .withSignature(SignatureBuilder.signatureFor(EMAIL2).onPage(0).atPosition(100, 300)))
                .build();
    }

    void needReview() {
        assumeTrue(reviewId != null, "no review package was created");
    }

    @Test
    @Order(300)
    @DisplayName("30 upload a document to a draft (PackageService.uploadDocument: multipart POST /packages/{id}/documents, one document)")
    void uploadDocument() {
        beforeReview = new Date(System.currentTimeMillis() - 2000);
        reviewId = client.createPackageOneStep(reviewPackage("Fidelity review"));
        Document addendum = DocumentBuilder.newDocumentWithName("Addendum").withId("doc2")
                .fromStream(new ByteArrayInputStream(minimalPdf()), DocumentType.PDF)
                .withSignature(SignatureBuilder.signatureFor(EMAIL1).onPage(0).atPosition(300, 500))
                .build();
        Document stored = client.getPackageService().uploadDocument(reviewId, "addendum.pdf", minimalPdf(), addendum);
        assertEquals("Addendum", stored.getName());
        assertEquals("doc2", stored.getId().getId());
        assertEquals(1, stored.getSignatures().size(), "the signature came back");
        DocumentPackage got = getPackageExplained(reviewId);
        assertNotNull(got.getDocument("Addendum"), "listed in the package");
        // The service's consent document is there too, by its fixed id.
        Set<String> ids = new HashSet<>();
        got.getDocuments().forEach(d -> ids.add(d.getId().getId()));
        assertEquals(Set.of("default-consent", DOC_ID, "doc2"), ids);
    }

    @Test
    @Order(310)
    @DisplayName("31 downloads before signing are the documents as they stand (GET …/documents/{d}/original, …/pdf)")
    void downloadBeforeSigning() {
        needReview();
        client.sendPackage(reviewId);
        assertArrayEquals(minimalPdf(), client.downloadOriginalDocument(reviewId, DOC_ID), "original as uploaded");
        assertArrayEquals(minimalPdf(), client.downloadDocument(reviewId, DOC_ID), "nothing signed yet");
    }

    @Test
    @Order(320)
    @DisplayName("32 mark complete (PackageService.markComplete: POST /packages/{id} {\"status\":\"COMPLETED\"}) after every signer")
    void markComplete() throws Exception {
        needReview();
        emulatorControl("/packages/" + reviewId.getId() + "/roles/" + SIGNER1 + "/complete");
        emulatorControl("/packages/" + reviewId.getId() + "/roles/" + SIGNER2 + "/complete");
        // autocomplete off: signed by all, waiting for the sender.
        assertEquals(PackageStatus.SENT, getPackageExplained(reviewId).getStatus());
        assertEquals(SigningStatus.SIGNING_COMPLETE, client.getSigningStatus(reviewId, null, null));
        client.getPackageService().markComplete(reviewId);
        assertEquals(PackageStatus.COMPLETED, getPackageExplained(reviewId).getStatus());
    }

    @Test
    @Order(330)
    @DisplayName("33 signed PDF, zip and evidence summary (EslClient.downloadDocument, downloadZippedDocuments, downloadEvidenceSummary)")
    void downloads() throws Exception {
        needReview();
        byte[] signed = client.downloadDocument(reviewId, DOC_ID);
        assertTrue(new String(signed, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"), "a PDF");
        assertFalse(java.util.Arrays.equals(minimalPdf(), signed), "the signatures are drawn on it");
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(client.downloadZippedDocuments(reviewId)))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] content = zip.readAllBytes();
                assertTrue(new String(content, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"), e.getName());
                names.add(e.getName());
            }
        }
        assertEquals(List.of("Electronic Disclosures and Signatures Consent.pdf", "Lease.pdf", "Addendum.pdf"), names);
        byte[] summary = client.downloadEvidenceSummary(reviewId);
        assertTrue(new String(summary, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"), "evidence summary PDF");
    }

    @Test
    @Order(340)
    @DisplayName("34 audit trail (AuditService.getAudit: GET /packages/{id}/audit)")
    void audit() {
        needReview();
        List<Audit> audit = client.getAuditService().getAudit(reviewId);
        List<String> types = new ArrayList<>();
        audit.forEach(a -> types.add(a.getType()));
        assertTrue(types.containsAll(List.of("PACKAGE_CREATE", "PACKAGE_ACTIVATE", "PACKAGE_READY_FOR_COMPLETE", "PACKAGE_COMPLETE")), types.toString());
        assertTrue(audit.stream().anyMatch(a -> EMAIL1.equals(a.getEmail())), "a signer's entry");
    }

    @Test
    @Order(350)
    @DisplayName("35 archive, trash, restore (PackageService.archive, trash, restore: POST /packages/{id})")
    void archiveTrashRestore() {
        needReview();
        client.getPackageService().archive(reviewId);
        assertEquals(PackageStatus.ARCHIVED, getPackageExplained(reviewId).getStatus());
        client.getPackageService().trash(reviewId);
        assertTrue(listed(client.getPackageService().getPackages("TRASH", new PageRequest(1, 50)), reviewId), "in the trash");
        client.getPackageService().restore(reviewId);
        assertFalse(listed(client.getPackageService().getPackages("TRASH", new PageRequest(1, 50)), reviewId), "restored");
        // Archiving a draft is refused by the service.
        PackageId draft = client.createPackageOneStep(reviewPackage("Fidelity draft"));
        EslException e = assertThrows(EslException.class, () -> client.getPackageService().archive(draft));
        assertEquals(400, ((EslServerException) e).getServerError().getCode(), e.getMessage());
        client.getPackageService().deletePackage(draft);
    }

    @Test
    @Order(360)
    @DisplayName("36 package listing (PackageService.getPackages, getUpdatedPackagesWithinDateRange: GET /packages?query=&from=&to=[&lastUpdated…Date])")
    void listing() {
        needReview();
        Page<DocumentPackage> archived = client.getPackageService().getPackages("ARCHIVED", new PageRequest(1, 10));
        assertTrue(listed(archived, reviewId), "archived package listed");
        assertEquals(1, archived.getTotalElements());
        assertFalse(archived.hasNextPage());
        Page<DocumentPackage> changed = client.getPackageService().getUpdatedPackagesWithinDateRange(
                PackageStatus.ARCHIVED, new PageRequest(1, 10), beforeReview, new Date(System.currentTimeMillis() + 60_000));
        assertTrue(listed(changed, reviewId), "in the last-updated range");
        Page<DocumentPackage> before = client.getPackageService().getUpdatedPackagesWithinDateRange(
                PackageStatus.ARCHIVED, new PageRequest(1, 10), new Date(0), new Date(0));
        assertEquals(0, before.getTotalElements(), "not before it existed");
    }

    @Test
    @Order(370)
    @DisplayName("37 templates: create (TemplateService.createTemplate), list (getTemplates), package from template (createPackageFromTemplate: POST /packages/{id}/clone)")
    void templates() {
        String placeholder = "PlaceholderId1";
        DocumentPackage template = PackageBuilder.newPackageNamed("Fidelity template")
                .describedAs("A template")
                .withSigner(SignerBuilder.newSignerWithEmail(EMAIL1).withFirstName("Ann").withLastName("Lee"))
                .withSigner(SignerBuilder.newSignerPlaceholder(new Placeholder(placeholder)))
                .withDocument(DocumentBuilder.newDocumentWithName(DOC_NAME).withId(DOC_ID)
                        .fromStream(new ByteArrayInputStream(minimalPdf()), DocumentType.PDF)
                        .withSignature(SignatureBuilder.signatureFor(EMAIL1).onPage(0).atPosition(100, 100))
                        .withSignature(SignatureBuilder.signatureFor(new Placeholder(placeholder)).onPage(0).atPosition(400, 100)))
                .build();
        PackageId templateId = client.getTemplateService().createTemplate(template);
        assertNotNull(templateId);
        Page<DocumentPackage> templates = client.getPackageService().getTemplates(new PageRequest(1, 10));
        assertTrue(listed(templates, templateId), "listed with type=template");
        assertFalse(listed(client.getPackageService().getPackages("DRAFT", new PageRequest(1, 50)), templateId),
                "not among packages");

        DocumentPackage fill = PackageBuilder.newPackageNamed("Fidelity from template")
                .withSigner(SignerBuilder.newSignerWithEmail(EMAIL2).withFirstName("Bob").withLastName("Ray")
                        .replacing(new Placeholder(placeholder)))
                .build();
        PackageId made = client.getTemplateService().createPackageFromTemplate(templateId, fill);
        DocumentPackage got = getPackageExplained(made);
        assertEquals("Fidelity from template", got.getName());
        assertNotNull(got.getSigner(EMAIL2), "the placeholder is filled");
        assertNotNull(got.getSigner(EMAIL1), "the template's signer stays");
        assertEquals(2, got.getDocument(DOC_NAME).getSignatures().size(), "the template's signatures");
        client.sendPackage(made);
        assertEquals(PackageStatus.SENT, getPackageExplained(made).getStatus());
        client.getPackageService().deletePackage(made);
        client.getPackageService().deletePackage(templateId);
        client.getPackageService().deletePackage(reviewId);
    }

    static boolean listed(Page<DocumentPackage> page, PackageId id) {
        for (DocumentPackage p : page) if (id.equals(p.getId())) return true;
        return false;
    }

    /** POSTs to one of the emulator's test-only controls (not part of the real API). */
    void emulatorControl(String path) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/__emulator" + path))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, "emulator control " + path + " answered " + r.statusCode() + " " + r.body());
    }

    /**
     * EslClient.getPackage, with a readable failure when the SDK's converter rejects the answer:
     * it needs a non-empty "id" on every approval (SignatureConverter: new SignatureId(id)) and on
     * every non-signature field (FieldConverter: new FieldId(id)).
     */
    DocumentPackage getPackageExplained(PackageId id) {
        try {
            return client.getPackage(id);
        } catch (IllegalArgumentException e) {
            List<String> missing = new ArrayList<>();
            for (com.silanis.esl.api.model.Document d : client.getPackageService().getApiPackage(id.getId()).getDocuments()) {
                for (com.silanis.esl.api.model.Approval a : d.getApprovals()) {
                    if (a.getId() == null || a.getId().isEmpty()) missing.add("documents[" + d.getId() + "].approvals[role " + a.getRole() + "].id");
                    for (com.silanis.esl.api.model.Field f : a.getFields()) {
                        if (!"SIGNATURE".equals(f.getType()) && (f.getId() == null || f.getId().isEmpty()))
                            missing.add("documents[" + d.getId() + "].approvals[role " + a.getRole() + "].fields[].id");
                    }
                }
            }
            throw new AssertionError("GET /packages/" + id.getId() + " answered JSON the SDK cannot convert ("
                    + e.getMessage() + "); empty or missing: " + missing, e);
        }
    }

    void needPackage() {
        assumeTrue(packageId != null, "no package was created");
    }

    /** A small valid one-page PDF, with a correct cross-reference table. */
    static byte[] minimalPdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            null, // content stream, below
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        String content = "BT /F1 18 Tf 72 720 Td (Fidelity test document) Tj ET";
        objects[3] = "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n");
        for (int i = 0; i < objects.length; i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder sb = new StringBuilder();
        sb.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int off : offsets) sb.append(String.format("%010d 00000 n \n", off));
        sb.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, sb.toString());
        return out.toByteArray();
    }

    static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }
}
