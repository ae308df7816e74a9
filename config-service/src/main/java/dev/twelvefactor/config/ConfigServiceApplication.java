package dev.twelvefactor.config;

import dev.twelvefactor.support.admin.AdminTasks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.config.server.EnableConfigServer;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableConfigServer
@EnableScheduling
@ConfigurationPropertiesScan
public class ConfigServiceApplication {

	/**
	 * {@code java -jar config-service.jar} serves; {@code ... admin refresh-all}
	 * refreshes every instance.
	 */
	public static void main(String[] args) {
		if (AdminTasks.requested(args)) {
			System.exit(AdminTasks.run(ConfigServiceApplication.class, args));
		}
		SpringApplication.run(ConfigServiceApplication.class, args);
	}

}
