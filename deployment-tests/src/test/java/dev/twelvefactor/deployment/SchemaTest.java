package dev.twelvefactor.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object every kustomization renders is a valid object of the Kubernetes API, field
 * by field.
 */
class SchemaTest {

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/dev", "k8s/overlays/prod" })
	void everyRenderedObjectMatchesTheKubernetesApiModel(String directory) {
		Manifests manifests = Manifests.render(directory);

		assertThat(manifests.objects).as("objects rendered from " + directory).isNotEmpty();
		assertThat(manifests.schemaErrors()).as("objects or fields unknown to the Kubernetes API in " + directory)
			.isEmpty();
	}

	/**
	 * The check itself: a misspelt field, a misplaced one and an unknown kind are all
	 * reported.
	 */
	@Test
	void theStrictReaderReportsUnknownFieldsAndKinds() throws Exception {
		String broken = """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: broken
				spec:
				  selector:
				    matchLabels: {app: broken}
				  template:
				    metadata:
				      labels: {app: broken}
				    spec:
				      containers:
				        - name: app
				          image: example/app:1.0
				          livenesProbe:
				            httpGet: {path: /, port: 8080}
				          resources:
				            limits: {memory: 64Mi}
				            request: {memory: 64Mi}
				---
				apiVersion: example.com/v1
				kind: Unknown
				metadata:
				  name: nobody-knows
				""";
		List<String> errors = new ArrayList<>();
		KubernetesSerialization serialization = new KubernetesSerialization();
		for (var document : Repository.yamlDocuments(broken)) {
			Object object = serialization.unmarshal(new ObjectMapper().writeValueAsString(document));
			if (object instanceof GenericKubernetesResource) {
				errors.add("unknown kind " + document.get("kind"));
			}
			else {
				Manifests.collectUnknownFields(object, "Deployment/broken", errors,
						Collections.newSetFromMap(new IdentityHashMap<>()));
			}
		}

		assertThat(errors).anySatisfy(error -> assertThat(error).contains("containers[0]").contains("livenesProbe"))
			.anySatisfy(error -> assertThat(error).contains("resources").contains("request"))
			.anySatisfy(error -> assertThat(error).contains("unknown kind Unknown"));
	}

}
