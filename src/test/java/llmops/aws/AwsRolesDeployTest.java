package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * conf/cloudformation/llmops-roles.yaml deployed with the real AWS CLI (aws cloudformation deploy)
 * into moto's CloudFormation and IAM: the roles exist with the trust each backend needs, and with the
 * SSE-KMS policy when a key is given. (moto keeps a role's inline policy as Python text, not JSON,
 * and drops ManagedPolicyArns, so the policies' content is checked by IamPolicyEvaluationTest.)
 */
class AwsRolesDeployTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void deploy() throws Exception {
    // IAM is global: a second deploy in the same moto finds the stack as it is and changes nothing.
    AwsCliDeployTest.aws("us-east-1", "cloudformation", "deploy", "--stack-name", "llmops-roles",
        "--template-file", "conf/cloudformation/llmops-roles.yaml", "--capabilities", "CAPABILITY_NAMED_IAM",
        "--no-fail-on-empty-changeset", "--parameter-overrides", "DataBucket=my-data", "ArtifactBucket=my-artifacts",
        "SseKmsKeyArn=arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "EmrInstanceRoleName=EMR_EC2_DefaultRole");
  }

  @ParameterizedTest
  @ValueSource(strings = {"drift", "distance", "eval"})
  void eachJobRoleTrustsGlueEmrServerlessAndTheEmrInstanceRoleAsAStepRuntimeRole(String job) throws Exception {
    JsonNode trust = JSON.readTree(AwsCliDeployTest.aws("us-east-1", "iam", "get-role", "--role-name", "llmops-" + job,
        "--query", "Role.AssumeRolePolicyDocument"));
    Set<String> services = new TreeSet<>();
    List<String> roles = new ArrayList<>();
    for (JsonNode statement : trust.get("Statement")) {
      assertEquals("Allow", statement.get("Effect").asText());
      statement.at("/Principal/Service").forEach(service -> services.add(service.asText()));
      if (statement.at("/Principal/AWS").isTextual()) {
        roles.add(statement.at("/Principal/AWS").asText());
        // EMR tags the runtime role's session (sts:TagSession) when it assumes it for a step.
        assertEquals("[\"sts:AssumeRole\",\"sts:TagSession\"]", statement.get("Action").toString());
      }
    }
    assertEquals(Set.of("glue.amazonaws.com", "emr-serverless.amazonaws.com"), services);
    assertEquals(List.of("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole"), roles);
  }

  @ParameterizedTest
  @ValueSource(strings = {"drift", "distance", "eval"})
  void eachJobRoleHasItsOwnPolicyAndTheSseKmsPolicy(String job) throws Exception {
    assertEquals("llmops-" + job, AwsCliDeployTest.aws("us-east-1", "iam", "list-role-policies", "--role-name", "llmops-" + job,
        "--query", "PolicyNames[0]", "--output", "text"));
    String attached = AwsCliDeployTest.aws("us-east-1", "iam", "list-attached-role-policies", "--role-name", "llmops-" + job,
        "--query", "AttachedPolicies[].PolicyName", "--output", "text");
    assertTrue(attached.contains("llmops-sse-kms"), attached);
  }
}
